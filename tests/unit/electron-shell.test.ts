import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary is not available here, and electron/main must not need it to be tested:
// the module is replaced by recorders for the few calls the shell makes.
const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
}));
vi.mock('electron', () => ({ ...electron, BrowserWindow: vi.fn(), app: {}, session: {} }));

const { secureWebPreferences } = await import('../../electron/main/web-preferences');
const { APP_ORIGIN, createAppProtocolHandler, registerAppScheme, resolveRendererPath, serveRenderer } = await import(
  '../../electron/main/app-protocol'
);
const { CONTENT_SECURITY_POLICY } = await import('../../electron/main/csp');
const { bindIpc, guardInvoke, isTrustedSender } = await import('../../electron/main/ipc-guard');
const { denyAllPermissions, hardenWebContents } = await import('../../electron/main/navigation-guard');
type FrameLike = import('../../electron/main/ipc-guard').FrameLike;
type WindowLike = import('../../electron/main/ipc-guard').WindowLike;
type IpcResult = import('../../electron/main/ipc-guard').IpcResult;

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      experimentalFeatures: false,
      allowRunningInsecureContent: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('the app:// protocol', () => {
  let base: string;
  let root: string;
  let handler: ReturnType<typeof createAppProtocolHandler>;
  const get = (url: string) => handler({ url, method: 'GET' });

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'custodian-shell-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Custodian</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1);');
    // Things a traversal would like to reach: a file beside the renderer folder, and a
    // sibling folder whose name starts with the renderer folder's name.
    writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
    mkdirSync(path.join(base, 'renderer-evil'));
    writeFileSync(path.join(base, 'renderer-evil', 'secret.txt'), 'TOP SECRET');
    handler = createAppProtocolHandler(root);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('registers app as a standard, secure scheme and serves it with protocol.handle', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const privileges = electron.protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0]?.[0]?.privileges;
    expect(privileges).not.toHaveProperty('bypassCSP');
    serveRenderer(root);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves files from the renderer folder with the CSP and the right type', async () => {
    const page = await get(`${APP_ORIGIN}/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Custodian</title>');

    const root = await get(`${APP_ORIGIN}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('Custodian');

    const script = await get(`${APP_ORIGIN}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it.each([
    'app://custodian/../../etc/passwd',
    'app://custodian/../secret.txt',
    'app://custodian/..%2fsecret.txt',
    'app://custodian/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://custodian/%2e%2e/secret.txt',
    'app://custodian/%2e%2e%2fsecret.txt',
    'app://custodian/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://custodian/..%2frenderer-evil%2fsecret.txt',
    'app://custodian/..\\secret.txt',
    'app://custodian/..%5csecret.txt',
    'app://custodian/assets%5c..%5c..%5csecret.txt',
    'app://custodian/%00index.html',
    'app://custodian/%E0%A4%A',
    'app://custodian/assets',
    'app://evil.example/index.html',
    'app://custodian.evil/index.html',
    'https://custodian/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s with a 404 that still carries the CSP', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('never resolves a path outside the renderer folder', () => {
    for (const url of ['app://custodian/..%2f..%2fetc%2fpasswd', 'app://custodian/..%2frenderer-evil/x', 'app://custodian/a/..%2f..%2f..%2fx']) {
      expect(resolveRendererPath(root, url)).toBeNull();
    }
    expect(resolveRendererPath(root, 'app://custodian/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('is read-only', async () => {
    const response = await handler({ url: `${APP_ORIGIN}/index.html`, method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('uses the same policy in index.html as in the response header (less frame-ancestors, which a meta tag cannot carry)', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
    const html = readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(EXPECTED_CSP.replace("; frame-ancestors 'none'", ''));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/<style[\s>]/);
  });
});

describe('the IPC guard', () => {
  const mainFrame: FrameLike = { url: 'app://custodian/index.html', origin: 'app://custodian', parent: null, processId: 4, routingId: 1 };
  const webContents = { mainFrame };
  const window: WindowLike = { isDestroyed: () => false, webContents };
  const ok: IpcResult = { ok: true, value: 'dispatched' };
  let dispatch: ReturnType<typeof vi.fn<(method: string, input: unknown) => IpcResult>>;
  let invoke: ReturnType<typeof guardInvoke>;

  beforeEach(() => {
    dispatch = vi.fn<(method: string, input: unknown) => IpcResult>(() => ok);
    invoke = guardInvoke(dispatch, () => window);
  });

  const fromMainFrame = { sender: webContents, senderFrame: mainFrame };

  it('passes a call from our window main frame at app://custodian to dispatch', async () => {
    expect(await invoke(fromMainFrame, 'vault.status', {})).toEqual(ok);
    expect(dispatch).toHaveBeenCalledWith('vault.status', {});
  });

  const hostile: Array<[string, { sender: unknown; senderFrame: FrameLike | null }]> = [
    ['a null senderFrame', { sender: webContents, senderFrame: null }],
    [
      'a sub-frame of our window',
      { sender: webContents, senderFrame: { url: 'app://custodian/frame.html', origin: 'app://custodian', parent: mainFrame, processId: 4, routingId: 7 } },
    ],
    ['a different frame claiming to be top-level', { sender: webContents, senderFrame: { ...mainFrame, routingId: 9 } }],
    ['another web contents', { sender: { mainFrame }, senderFrame: mainFrame }],
    ['a foreign origin', { sender: webContents, senderFrame: { ...mainFrame, url: 'https://evil.example/', origin: 'https://evil.example' } }],
    ['a look-alike host', { sender: webContents, senderFrame: { ...mainFrame, url: 'app://custodian.evil/index.html', origin: 'app://custodian.evil' } }],
    ['a file:// page', { sender: webContents, senderFrame: { ...mainFrame, url: 'file:///tmp/x.html', origin: 'file://' } }],
    ['an opaque origin on our url', { sender: webContents, senderFrame: { ...mainFrame, origin: 'null' } }],
  ];

  it.each(hostile)('refuses %s without calling dispatch', async (_name, event) => {
    const result = await invoke(event, 'vault.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a frame that throws when read (disposed)', async () => {
    const disposed = Object.defineProperty({ ...mainFrame }, 'url', {
      get() {
        throw new Error('Render frame was disposed');
      },
    });
    expect(isTrustedSender({ sender: webContents, senderFrame: disposed }, window)).toBe(false);
  });

  it('refuses when the window is gone', async () => {
    expect(await guardInvoke(dispatch, () => null)(fromMainFrame, 'vault.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const closed: WindowLike = { isDestroyed: () => true, webContents };
    expect(isTrustedSender(fromMainFrame, closed)).toBe(false);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each([[42], [null], [undefined], [{ toString: () => 'vault.status' }], [['vault.status']], [''], ['x'.repeat(201)]])(
    'refuses the non-string or unreasonable method %j',
    async (method) => {
      expect(await invoke(fromMainFrame, method, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it('turns a throwing dispatch into a generic internal error that does not echo the message', async () => {
    const throwing = guardInvoke(() => {
      throw new Error('passphrase hunter2 leaked');
    }, () => window);
    const result = await throwing(fromMainFrame, 'vault.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('bindIpc handles custodian:invoke through the guard and can unbind', async () => {
    const unbind = bindIpc(dispatch, () => window);
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('custodian:invoke', expect.any(Function));
    const registered = electron.ipcMain.handle.mock.calls.at(-1)?.[1] as (...args: unknown[]) => Promise<IpcResult>;
    expect(await registered({ sender: webContents, senderFrame: null }, 'vault.status', {})).toMatchObject({ ok: false });
    expect(await registered(fromMainFrame, 'vault.status', { a: 1 })).toEqual(ok);
    expect(dispatch).toHaveBeenCalledTimes(1);
    unbind();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('custodian:invoke');
  });
});

describe('navigation and permission guards', () => {
  type Listener = (event: { url?: string; preventDefault: () => void }) => void;

  function fakeContents() {
    const listeners = new Map<string, Listener>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: () => { action: string }) => {
        openHandler = handler;
      },
    };
    hardenWebContents(contents as unknown as WebContents);
    const fire = (name: string, url?: string) => {
      const event = { url, preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { fire, openWindow: () => openHandler?.() };
  }

  it('keeps every web contents on app://custodian', () => {
    const { fire, openWindow } = fakeContents();
    expect(fire('will-navigate', 'app://custodian/index.html')).toBe(false);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fire(name, 'https://evil.example/')).toBe(true);
      expect(fire(name, 'file:///etc/passwd')).toBe(true);
      expect(fire(name, 'app://elsewhere/')).toBe(true);
    }
    expect(fire('will-attach-webview')).toBe(true);
    expect(openWindow()).toEqual({ action: 'deny' });
  });

  it('grants no permission', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const ses = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    };
    denyAllPermissions(ses as unknown as Session);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
    expect(device?.()).toBe(false);
  });
});
