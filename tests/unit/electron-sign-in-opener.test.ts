import { describe, expect, it, vi } from 'vitest';
import { openSignInPage } from '../../electron/main/sign-in-opener';

/** What a tampered vault file could put in a platform app's sign-in address. */
const REFUSED = [
  'file:///C:/Windows/System32/calc.exe',
  'smb://attacker.example.org/share/run.exe',
  'ms-msdt:/id PCWDiagnostic',
  'javascript:alert(1)',
  'x-custom-app://do-something',
  'http://accounts.example.org/oauth?client_id=1',
  'https://user:pass@accounts.example.org/oauth',
  'https://accounts.example.org/oauth#fragment',
  'not a url',
];

describe('the browser opener for OAuth sign-in (main)', () => {
  it.each(REFUSED)('never hands %s to the operating system', async (url) => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    await expect(openSignInPage(url, openExternal)).rejects.toThrow(/only https sign-in pages/);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it("opens a platform's https sign-in page, query and all", async () => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    const url = 'https://x.com/i/oauth2/authorize?response_type=code&client_id=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A5123%2Fcallback&state=s1';
    await openSignInPage(url, openExternal);
    expect(openExternal).toHaveBeenCalledWith(url);
  });

  it("allows plain http only to this machine's loopback (a local proxy or fake, as when the address was saved)", async () => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    await openSignInPage('http://127.0.0.1:4000/oauth/authorize?state=s', openExternal);
    expect(openExternal).toHaveBeenCalledWith('http://127.0.0.1:4000/oauth/authorize?state=s');
  });

  it("passes on the OS's failure to open, so the core can say the browser could not be opened", async () => {
    const openExternal = vi.fn(async (_url: string) => Promise.reject(new Error('no handler')));
    await expect(openSignInPage('https://www.linkedin.com/oauth/v2/authorization?x=1', openExternal)).rejects.toThrow('no handler');
  });
});
