import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// app-protocol.ts (used by the navigation guard) imports 'electron'; the binary is not here.
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));

const { checkPlatformUrl, openPlatformLink, PLATFORM_HOSTS, PLATFORM_LOGIN_URLS } = await import('../../electron/main/external-links');
const { hardenWebContents } = await import('../../electron/main/navigation-guard');

/** Every one of these must never reach the system browser, nor the window. */
const HOSTILE: Array<[string, unknown]> = [
  ['javascript: URL', 'javascript:alert(document.domain)'],
  ['javascript: in mixed case', 'JaVaScRiPt:alert(1)'],
  ['javascript: with a leading space', ' javascript:alert(1)'],
  ['javascript: split by a tab', 'java\tscript:alert(1)'],
  ['vbscript: URL', 'vbscript:msgbox(1)'],
  ['file: URL', 'file:///etc/passwd'],
  ['file: URL naming a platform host', 'file://x.com/etc/passwd'],
  ['Windows UNC path', '\\\\evil.example\\share\\payload.exe'],
  ['smb: share', 'smb://evil.example/share'],
  ['data: HTML', 'data:text/html,<script>alert(1)</script>'],
  ['data: base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['blob: URL', 'blob:https://x.com/1234-5678'],
  ['http: (not https) login page', 'http://x.com/login'],
  ['http: Facebook', 'http://www.facebook.com/'],
  ['ftp:', 'ftp://x.com/'],
  ['mailto:', 'mailto:someone@x.com'],
  ['custom OS scheme', 'ms-settings:privacy'],
  ['chrome:// page', 'chrome://settings'],
  ['look-alike: platform host as a subdomain', 'https://x.com.evil.example/login'],
  ['look-alike: Facebook as a subdomain', 'https://www.facebook.com.evil.example/'],
  ['look-alike: hyphenated', 'https://facebook.com-login.example/'],
  ['look-alike: Google accounts as a subdomain', 'https://accounts.google.com.evil.example/'],
  ['look-alike: prefix', 'https://evil-x.com/'],
  ['look-alike: doubled letter', 'https://xx.com/'],
  ['look-alike: other TLD', 'https://x.co/'],
  ['platform name only in the path', 'https://evil.example/x.com/login'],
  ['userinfo trick', 'https://x.com@evil.example/'],
  ['userinfo trick with a port-like password', 'https://www.facebook.com:443@evil.example/'],
  ['encoded @ in the host', 'https://x.com%40evil.example/'],
  ['encoded dot in the host', 'https://x.com%2eevil.example/'],
  ['credentials on an allowed host', 'https://user:pass@x.com/login'],
  ['backslash authority trick', 'https://x.com\\@evil.example/'],
  ['non-default port', 'https://x.com:8443/login'],
  ['a port written out, even the default one', 'https://www.instagram.com:443/'],
  ['trailing-dot host', 'https://x.com./login'],
  ['punycode host', 'https://xn--fcebook-8va.com/'],
  ['Cyrillic homograph (becomes xn--)', 'https://www.fасebook.com/'],
  ['fullwidth letters', 'https://ｘ.com/login'],
  ['zero-width space in the host', 'https://x\u200b.com/login'],
  ['IPv4 literal', 'https://127.0.0.1/'],
  ['IPv4 as one number', 'https://2130706433/'],
  ['IPv4 in hex', 'https://0x7f.0.0.1/'],
  ['IPv6 literal', 'https://[::1]/'],
  ['localhost', 'https://localhost/'],
  ['scheme without slashes (the parser would accept it)', 'https:x.com/login'],
  ['three slashes', 'https:///x.com/login'],
  ['protocol-relative', '//x.com/login'],
  ['no scheme', 'x.com/login'],
  ['newline inside', 'https://x.com/login\nhttps://evil.example/'],
  ['NUL inside', 'https://x.com/\u0000evil'],
  ['right-to-left override', 'https://x.com/\u202elogin'],
  ['too long', `https://x.com/${'a'.repeat(2100)}`],
  ['empty', ''],
  ['not a string: undefined', undefined],
  ['not a string: null', null],
  ['not a string: a number', 42],
  ['not a string: an object with toString', { toString: () => 'https://x.com/login' }],
  ['not a string: an array', ['https://x.com/login']],
];

const ALLOWED = ['https://x.com/login', 'https://www.facebook.com/', 'https://www.instagram.com/', 'https://www.linkedin.com/', 'https://www.youtube.com/'];

function fakeContents(openExternal: (url: string) => Promise<void>) {
  const listeners = new Map<string, (event: { url?: string; preventDefault: () => void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: { url?: string; preventDefault: () => void }) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
  };
  hardenWebContents(contents as unknown as WebContents, { openExternal });
  return {
    /** true when the navigation was cancelled */
    navigate(name: string, url: string) {
      const event = { url, preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      return event.preventDefault.mock.calls.length > 0;
    },
    openWindow: (url: string) => openHandler?.({ url }),
  };
}

describe('links out of the app', () => {
  it(`has at least 20 hostile URLs to refuse (${HOSTILE.length})`, () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(HOSTILE)('refuses %s everywhere: openPlatformLink, window.open, navigation', async (_name, url) => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    expect(checkPlatformUrl(url)).toBeNull();
    expect(await openPlatformLink(url, openExternal)).toBe(false);

    const contents = fakeContents(openExternal);
    if (typeof url === 'string') {
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
      for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
        expect(contents.navigate(event, url)).toBe(true);
      }
    }
    await Promise.resolve();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it.each(ALLOWED)('opens the platform page %s in the system browser, never in the app', async (url) => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    expect(checkPlatformUrl(url)).toBe(url);
    expect(await openPlatformLink(url, openExternal)).toBe(true);
    expect(openExternal).toHaveBeenLastCalledWith(url);

    const contents = fakeContents(openExternal);
    expect(contents.openWindow(url)).toEqual({ action: 'deny' }); // no Electron window, ever
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledTimes(2));
    // Navigating the window itself is still refused, and is not a way out either.
    expect(contents.navigate('will-navigate', url)).toBe(true);
    await Promise.resolve();
    expect(openExternal).toHaveBeenCalledTimes(2);
  });

  it('passes the parsed, normalised URL to the browser, not the text it was given', async () => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    expect(await openPlatformLink('HTTPS://X.COM/login?next=%2Fhome', openExternal)).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://x.com/login?next=%2Fhome');
  });

  it("allows every platform's login page and only exact platform hosts", () => {
    for (const url of Object.values(PLATFORM_LOGIN_URLS)) expect(checkPlatformUrl(url)).toBe(url);
    for (const hosts of Object.values(PLATFORM_HOSTS)) {
      for (const host of hosts) {
        expect(host).toMatch(/^[a-z0-9.-]+$/);
        expect(checkPlatformUrl(`https://${host}/`)).toBe(`https://${host}/`);
      }
    }
  });

  it('never hands our own app:// pages to the browser', async () => {
    const openExternal = vi.fn(async (_url: string) => undefined);
    expect(await openPlatformLink('app://custodian/index.html', openExternal)).toBe(false);
    expect(fakeContents(openExternal).openWindow('app://custodian/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('reports a failure of the OS to open the browser as false, without throwing', async () => {
    expect(await openPlatformLink('https://x.com/login', async () => Promise.reject(new Error('no browser')))).toBe(false);
  });

  it('without an opener, the window-open handler only denies', () => {
    const listeners = new Map<string, unknown>();
    let handler: ((details: { url: string }) => { action: string }) | undefined;
    hardenWebContents({ on: (n: string, l: unknown) => listeners.set(n, l), setWindowOpenHandler: (h: typeof handler) => (handler = h) } as unknown as WebContents);
    expect(handler?.({ url: 'https://x.com/login' })).toEqual({ action: 'deny' });
  });
});
