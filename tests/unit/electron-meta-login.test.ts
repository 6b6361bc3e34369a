import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * electron/main/meta-login-window.ts against a recording 'electron' module (no Electron binary
 * here): the window's settings, and "watch for login_success.html, then close".
 */
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = { windows: [] as FakeWindow[], sessions: new Map<string, FakeSession>() };
  class FakeSession {
    readonly listeners = new Map<string, Listener>();
    permissionRequest: Listener | undefined;
    permissionCheck: Listener | undefined;
    readonly clearStorageData = vi.fn(async () => undefined);
    constructor(readonly partition: string, readonly options: unknown) {}
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler() {}
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
    }
  }
  class FakeWindow {
    readonly listeners = new Map<string, Listener>();
    readonly contentsListeners = new Map<string, Listener>();
    openHandler: Listener | undefined;
    destroyed = false;
    readonly loadURL = vi.fn(async () => undefined);
    readonly setMenu = vi.fn();
    readonly webContents: Record<string, unknown>;
    constructor(readonly options: { webPreferences: { partition: string } & Record<string, unknown> } & Record<string, unknown>) {
      state.windows.push(this);
      this.webContents = {
        session: state.sessions.get(options.webPreferences.partition),
        on: (name: string, listener: Listener) => this.contentsListeners.set(name, listener),
        setWindowOpenHandler: (handler: Listener) => (this.openHandler = handler),
      };
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    isDestroyed = () => this.destroyed;
    readonly close = vi.fn(() => {
      this.destroyed = true;
      this.listeners.get('closed')?.();
    });
  }
  const fromPartition = vi.fn((partition: string, options: unknown) => {
    const made = new FakeSession(partition, options);
    state.sessions.set(partition, made);
    return made;
  });
  return { state, module: { BrowserWindow: FakeWindow, session: { fromPartition }, app: {}, protocol: {} } };
});
vi.mock('electron', () => electron.module);

const { isMetaLoginContents, isMetaSignInPage, openMetaLogin } = await import('../../electron/main/meta-login-window');
const { META_LOGIN_STOPPED } = await import('../../electron/core/publishing/oauth/meta-login');

const STATE = 'c3RhdGUtdGhhdC1jdXN0b2RpYW4tc2VudA';
const DIALOG = `https://www.facebook.com/v25.0/dialog/oauth?client_id=1234&redirect_uri=${encodeURIComponent('https://www.facebook.com/connect/login_success.html')}&state=${STATE}&response_type=code&scope=pages_show_list`;
const SUCCESS = `https://www.facebook.com/connect/login_success.html?code=AQBx-code&state=${STATE}#_=_`;

interface Navigation {
  url: string;
  isMainFrame?: boolean;
  preventDefault: ReturnType<typeof vi.fn>;
}
const navigation = (url: string, isMainFrame = true): Navigation => ({ url, isMainFrame, preventDefault: vi.fn() });
const lastWindow = () => electron.state.windows.at(-1) ?? expect.fail('no window was opened');
const emit = (name: string, event: Navigation) => lastWindow().contentsListeners.get(name)?.(event);

describe('the Meta sign-in window', () => {
  beforeEach(() => {
    electron.state.windows.length = 0;
    electron.state.sessions.clear();
  });

  it('is sandboxed and isolated, with no Node, no preload and no devtools, in a session of its own that keeps nothing', async () => {
    const signIn = openMetaLogin(DIALOG);
    const window = lastWindow();
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, nodeIntegrationInWorker: false, webviewTag: false, devTools: false, webSecurity: true });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).not.toHaveProperty('session');
    // Its own partition, not persisted ("persist:" would keep it on disk), made for this sign-in.
    expect(prefs.partition).toMatch(/^meta-login-[0-9a-f-]{36}$/);
    expect(electron.module.session.fromPartition).toHaveBeenCalledWith(prefs.partition, { cache: false });
    const ownSession = electron.state.sessions.get(prefs.partition);
    expect(isMetaLoginContents(window.webContents)).toBe(true);
    expect(isMetaLoginContents({ session: {} })).toBe(false);
    expect(isMetaLoginContents({})).toBe(false);
    // Every permission refused, downloads guarded.
    const answer = vi.fn();
    ownSession?.permissionRequest?.({}, 'geolocation', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(ownSession?.listeners.has('will-download')).toBe(true);
    expect(window.loadURL).toHaveBeenCalledWith(DIALOG);
    expect(window.openHandler?.({ url: 'https://www.facebook.com/help' })).toEqual({ action: 'deny' });
    const webview = navigation('about:blank');
    window.contentsListeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    window.close();
    await expect(signIn).rejects.toThrow(META_LOGIN_STOPPED);
    // The session's cookies go with the window.
    expect(ownSession?.clearStorageData).toHaveBeenCalled();
  });

  it('lets the page move about facebook.com over https and blocks every other address', async () => {
    const signIn = openMetaLogin(DIALOG);
    for (const url of ['https://www.facebook.com/login/device-based/regular/login/', 'https://m.facebook.com/checkpoint/', 'https://business.facebook.com/latest/settings']) {
      const step = navigation(url);
      emit('will-navigate', step);
      expect(step.preventDefault, url).not.toHaveBeenCalled();
    }
    for (const url of ['https://evil.example/phish', 'http://www.facebook.com/login', 'https://facebook.com.evil.example/', 'https://www.facebook.com:8443/', 'https://user@www.facebook.com/', 'file:///etc/passwd', 'app://custodian/index.html']) {
      const step = navigation(url);
      emit('will-navigate', step);
      expect(step.preventDefault, url).toHaveBeenCalled();
      const redirect = navigation(url);
      emit('will-redirect', redirect);
      expect(redirect.preventDefault, url).toHaveBeenCalled();
    }
    expect(lastWindow().close).not.toHaveBeenCalled();
    lastWindow().close();
    await expect(signIn).rejects.toThrow('The sign-in was stopped');
  });

  it('on the redirect to login_success.html: stops it, resolves with the address and closes', async () => {
    const signIn = openMetaLogin(DIALOG);
    const redirect = navigation(SUCCESS);
    emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    await expect(signIn).resolves.toBe(SUCCESS);
    expect(lastWindow().close).toHaveBeenCalledOnce();
    // Closing after that changes nothing, and a later navigation is ignored.
    emit('will-navigate', navigation(SUCCESS));
    await expect(signIn).resolves.toBe(SUCCESS);
  });

  it('refuses a login_success redirect with a state it did not send, and closes', async () => {
    const signIn = openMetaLogin(DIALOG);
    emit('will-navigate', navigation('https://www.facebook.com/connect/login_success.html?code=AQBx-attacker&state=forged'));
    await expect(signIn).rejects.toThrow('state Custodian did not send');
    expect(lastWindow().close).toHaveBeenCalledOnce();
  });

  it('leaves a subframe’s navigation to Meta’s page, watching the top frame only', async () => {
    const signIn = openMetaLogin(DIALOG);
    const frame = navigation(SUCCESS, false);
    emit('will-frame-navigate', frame);
    expect(frame.preventDefault).not.toHaveBeenCalled();
    expect(lastWindow().close).not.toHaveBeenCalled();
    emit('will-frame-navigate', navigation(SUCCESS, true));
    await expect(signIn).resolves.toBe(SUCCESS);
  });

  it('opens nothing but a Meta page', async () => {
    await expect(openMetaLogin('http://127.0.0.1:53682/v25.0/dialog/oauth?state=x')).rejects.toThrow('only Meta’s own pages');
    expect(electron.state.windows).toHaveLength(0);
    expect(isMetaSignInPage('https://facebook.com/dialog')).toBe(true);
    expect(isMetaSignInPage('https://notfacebook.com/dialog')).toBe(false);
  });
});
