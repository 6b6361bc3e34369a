import { describe, expect, it } from 'vitest';
import { ApiBaseError, GRAPH_API_VERSION, apiUrl, checkUploadUrl, defaultApiBases, parseApiBase, resolveApiBase } from '../../electron/core/publishing/api-base';

describe('API base addresses (per-channel proxy override)', () => {
  it.each([
    ['https://proxy.example.org', 'https://proxy.example.org'],
    ['https://proxy.example.org/', 'https://proxy.example.org'],
    ['https://proxy.example.org/x/', 'https://proxy.example.org/x'],
    ['https://proxy.example.org:8443/social/x', 'https://proxy.example.org:8443/social/x'],
    ['HTTPS://Proxy.Example.ORG/Path', 'https://proxy.example.org/Path'],
    ['  https://proxy.example.org/x  ', 'https://proxy.example.org/x'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:8080/prefix/', 'http://127.0.0.1:8080/prefix'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:9000/graph', 'http://[::1]:9000/graph'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(parseApiBase(input)).toBe(normalised);
  });

  it.each([
    ['http://proxy.example.org', /https/],
    ['http://192.168.1.10:8080', /https/],
    ['http://10.0.0.1', /https/],
    ['http://127.0.0.2', /https/], // only the three loopback names the rule lists
    ['http://localhost.example.org', /https/],
    ['http://0.0.0.0:8080', /https/],
    ['ftp://proxy.example.org', /https/],
    ['file:///etc/passwd', /https|host/],
    ['javascript:alert(1)', /https|host/],
    ['https://user:secret@proxy.example.org', /user name or password/],
    ['https://token@proxy.example.org', /user name or password/],
    ['https://proxy.example.org/x?access_token=abc', /query/],
    ['https://proxy.example.org/x#frag', /fragment/],
    ['proxy.example.org', /not a web address/],
    ['', /not a web address/],
    ['https://', /not a web address|host/],
  ])('refuses %s', (input, message) => {
    expect(() => parseApiBase(input)).toThrow(ApiBaseError);
    expect(() => parseApiBase(input)).toThrow(message);
  });

  it('never repeats the refused address (it may hold a pasted secret)', () => {
    try {
      parseApiBase('https://me:hunter2@proxy.example.org');
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('uses the platform default unless a channel overrides it', () => {
    expect(resolveApiBase('x', undefined)).toBe('https://api.x.com');
    expect(resolveApiBase('linkedin', '')).toBe('https://api.linkedin.com');
    expect(resolveApiBase('facebook', 'https://proxy.example.org/fb/')).toBe('https://proxy.example.org/fb');
    expect(() => resolveApiBase('youtube', 'http://proxy.example.org')).toThrow(ApiBaseError);
    expect(defaultApiBases).toEqual({
      x: 'https://api.x.com',
      facebook: 'https://graph.facebook.com',
      instagram: 'https://graph.facebook.com',
      linkedin: 'https://api.linkedin.com',
      youtube: 'https://www.googleapis.com',
    });
    expect(GRAPH_API_VERSION).toMatch(/^v\d+\.0$/);
  });

  it('joins a base and a path, with a query when given', () => {
    expect(apiUrl('https://proxy.example.org/x', '/2/tweets')).toBe('https://proxy.example.org/x/2/tweets');
    expect(apiUrl('https://api.linkedin.com', '/rest/images', { action: 'initializeUpload' })).toBe('https://api.linkedin.com/rest/images?action=initializeUpload');
  });

  it("sends the token only to an upload address on the platform's hosts or the channel's own base", () => {
    expect(checkUploadUrl('linkedin', 'https://api.linkedin.com', 'https://www.linkedin.com/dms-uploads/abc?x=1')).toBe('https://www.linkedin.com/dms-uploads/abc?x=1');
    expect(checkUploadUrl('youtube', 'https://www.googleapis.com', 'https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&upload_id=1')).toContain('upload_id=1');
    expect(checkUploadUrl('youtube', 'http://127.0.0.1:4000', 'http://127.0.0.1:4000/upload/youtube/v3/videos?upload_id=1')).toContain('upload_id=1');
    expect(() => checkUploadUrl('linkedin', 'https://api.linkedin.com', 'https://evil.example/dms-uploads/abc')).toThrow(/unexpected host/);
    expect(() => checkUploadUrl('linkedin', 'https://api.linkedin.com', 'https://notlinkedin.com/x')).toThrow(/unexpected host/);
    expect(() => checkUploadUrl('youtube', 'https://www.googleapis.com', 'http://www.googleapis.com/upload')).toThrow(/https/);
    expect(() => checkUploadUrl('youtube', 'http://127.0.0.1:4000', 'http://127.0.0.1:4001/upload')).toThrow(/unexpected host/);
  });
});
