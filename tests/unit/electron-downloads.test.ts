import { describe, expect, it, vi } from 'vitest';

// No Electron binary here: app-protocol.ts imports 'electron', which is replaced by a stub.
vi.mock('electron', () => ({ protocol: {}, app: {}, session: {} }));
const { guardDownloads, isAllowedDownload } = await import('../../electron/main/download-guard');

const PAGE = 'app://custodian/index.html';

describe('downloads', () => {
  it('lets the window save a file it built itself (a blob: of its own app:// origin)', () => {
    expect(isAllowedDownload('blob:app://custodian/8f14e45f-ceea-467f-a8dd-4b0a1a1b2c3d', PAGE)).toBe(true);
  });

  it.each([
    ['a web page', 'https://x.com/file.exe'],
    ['plain http', 'http://example.org/audit.csv'],
    ['a data: URL', 'data:text/csv;base64,YSxi'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a blob: of another origin', 'blob:https://evil.example/8f14e45f'],
    ['a blob: of a look-alike app host', 'blob:app://custodian.evil/8f14e45f'],
    ['a blob: of a null origin', 'blob:null/8f14e45f'],
    ['our own app:// file (not a blob)', 'app://custodian/index.html'],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedDownload(url, PAGE)).toBe(false);
  });

  it('refuses even our own blob: when the page that asked is not on app://', () => {
    expect(isAllowedDownload('blob:app://custodian/8f14e45f', 'https://x.com/')).toBe(false);
    expect(isAllowedDownload('blob:app://custodian/8f14e45f', null)).toBe(false);
  });

  it('cancels a refused download in the session and lets an allowed one through', () => {
    let listener: ((event: { preventDefault(): void }, item: { getURL(): string }, contents: { getURL(): string } | null) => void) | undefined;
    const ses = { on: (_name: string, l: typeof listener) => (listener = l) };
    const log = vi.fn();
    guardDownloads(ses as never, log);
    const allowed = { preventDefault: vi.fn() };
    listener?.(allowed, { getURL: () => 'blob:app://custodian/1' }, { getURL: () => PAGE });
    expect(allowed.preventDefault).not.toHaveBeenCalled();
    const refused = { preventDefault: vi.fn() };
    listener?.(refused, { getURL: () => 'https://evil.example/x.exe' }, { getURL: () => PAGE });
    expect(refused.preventDefault).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith('shell.download-refused');
    const orphan = { preventDefault: vi.fn() };
    listener?.(orphan, { getURL: () => 'blob:app://custodian/1' }, null);
    expect(orphan.preventDefault).toHaveBeenCalledOnce();
  });
});
