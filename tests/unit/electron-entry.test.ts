import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * electron/main/index.ts itself, run against a recording 'electron' module: what it wires at
 * start-up, in which order, and how it quits. (The Electron binary is not available here.)
 */
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    appPath: '',
    appData: '',
    listeners: new Map<string, Listener[]>(),
    windows: [] as Array<Record<string, unknown>>,
    paths: new Map<string, string>(),
  };
  const emit = (name: string, ...args: unknown[]) => {
    for (const listener of state.listeners.get(name) ?? []) listener(...args);
  };
  const app = {
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
    setLoginItemSettings: vi.fn(),
    setName: vi.fn(),
    setPath: vi.fn((name: string, value: string) => state.paths.set(name, value)),
    getPath: vi.fn((name: string) => state.paths.get(name) ?? (name === 'appData' ? state.appData : `/unused/${name}`)),
    getAppPath: () => state.appPath,
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    on: vi.fn((name: string, listener: Listener) => {
      state.listeners.set(name, [...(state.listeners.get(name) ?? []), listener]);
      return app;
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    isReady: () => true,
    quit: vi.fn(() => emit('before-quit', { preventDefault: vi.fn() })),
    exit: vi.fn(),
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    readonly webContents = {
      mainFrame: { url: 'app://custodian/index.html', origin: 'app://custodian', parent: null, processId: 7, routingId: 1 },
      reload: vi.fn(),
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
    };
    readonly setMenu = vi.fn();
    readonly handlers = new Map<string, Listener>();
    readonly loadURL = vi.fn(async () => undefined);
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this as unknown as Record<string, unknown>);
    }
    on(name: string, listener: Listener) {
      this.handlers.set(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    isDestroyed = () => false;
    isMinimized = () => false;
  }
  return {
    state,
    emit,
    module: {
      app,
      BrowserWindow,
      ClipboardItem: class {
        constructor(readonly items: Record<string, unknown>) {}
      },
      clipboard: { write: vi.fn(async () => undefined), writeText: vi.fn(async () => undefined), readText: vi.fn(async () => ''), clear: vi.fn() },
      dialog: { showErrorBox: vi.fn() },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      powerMonitor: { on: vi.fn(), removeListener: vi.fn(), getSystemIdleTime: vi.fn(() => 0), getSystemIdleState: vi.fn(() => 'active') },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: {
        defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn(), on: vi.fn() },
        // Meta's sign-in window makes a session of its own.
        fromPartition: vi.fn(() => ({ setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn(), on: vi.fn(), clearStorageData: vi.fn(async () => undefined) })),
      },
      shell: { openExternal: vi.fn(async () => undefined) },
      Tray: vi.fn(function (this: Record<string, unknown>) {
        this.setToolTip = vi.fn();
        this.setContextMenu = vi.fn();
        this.on = vi.fn();
        this.destroy = vi.fn();
      }),
      Menu: { buildFromTemplate: vi.fn((template: unknown) => template) },
      nativeImage: { createFromBitmap: vi.fn(() => ({ isEmpty: () => false })) },
    },
  };
});
vi.mock('electron', () => electron.module);

const root = path.resolve(import.meta.dirname, '../..');
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

describe('electron/main/index.ts', () => {
  let base: string;
  let dataDir: string;

  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    base = mkdtempSync(path.join(tmpdir(), 'custodian-entry-'));
    dataDir = path.join(base, 'vault');
    mkdirSync(dataDir);
    electron.state.appPath = path.join(base, 'checkout');
    electron.state.appData = path.join(base, 'appdata');
    electron.state.listeners.clear();
    electron.state.windows.length = 0;
    electron.state.paths.clear();
    vi.stubEnv('CUSTODIAN_DATA_DIR', dataDir);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(base, { recursive: true, force: true });
  });

  /** The Electron build main looks for, here stood in by the Node build (same ABI as this Node). */
  const installBinding = () => {
    const dir = path.join(electron.state.appPath, 'build', 'electron');
    mkdirSync(dir, { recursive: true });
    copyFileSync(nodeBuild, path.join(dir, 'better_sqlite3.node'));
  };

  it('pins userData to <appData>/Custodian before the single-instance lock, and hardens before ready', async () => {
    installBinding();
    await import('../../electron/main/index');
    const { app, protocol } = electron.module;
    expect(app.setName).toHaveBeenCalledWith('Custodian');
    expect(app.setPath).toHaveBeenCalledWith('userData', path.join(electron.state.appData, 'Custodian'));
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? 0);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(app.enableSandbox).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.module.ipcMain.handle).toHaveBeenCalled());
    await quit();
  });

  it('refuses to start, with a clear message, when the Electron build of better-sqlite3 is missing', async () => {
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(electron.module.app.exit).toHaveBeenCalledWith(1));
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledWith('Custodian cannot start', expect.stringContaining('npm run build:electron-sqlite'));
    expect(electron.module.ipcMain.handle).not.toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(0);
  });

  async function quit() {
    const held = { preventDefault: vi.fn() };
    electron.emit('before-quit', held);
    await vi.waitFor(() => expect(electron.module.app.quit).toHaveBeenCalled());
    return held;
  }

  it('wires one core for the data folder to the window through the IPC guard, locks on power events, and closes on quit', async () => {
    installBinding();
    await import('../../electron/main/index');
    const { ipcMain, powerMonitor, protocol, session, shell } = electron.module;
    await vi.waitFor(() => expect(ipcMain.handle).toHaveBeenCalledWith('custodian:invoke', expect.any(Function)));

    // The window: hardened preferences, the app:// page, permissions denied, renderer served.
    expect(electron.state.windows).toHaveLength(1);
    const window = electron.state.windows[0] as unknown as {
      options: { webPreferences: Record<string, unknown> };
      loadURL: ReturnType<typeof vi.fn>;
      webContents: { mainFrame: unknown; reload: ReturnType<typeof vi.fn> };
      handlers: Map<string, (...args: unknown[]) => unknown>;
    };
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.loadURL).toHaveBeenCalledWith('app://custodian/index.html');
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    // Downloads are guarded from the start: only the page's own blob: files are let through.
    expect(session.defaultSession.on).toHaveBeenCalledWith('will-download', expect.any(Function));
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));

    // A call from the window's main frame reaches the core on the data folder given in CUSTODIAN_DATA_DIR.
    const handler = ipcMain.handle.mock.calls[0]?.[1] as (event: unknown, method: unknown, input: unknown) => Promise<unknown>;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await handler(fromWindow, 'vault.status', {})).toEqual({ ok: true, value: { initialized: false, trustName: null } });
    expect(await handler({ sender: window.webContents, senderFrame: null }, 'vault.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const log = readFileSync(path.join(dataDir, 'logs', 'shell.log'), 'utf8');
    expect(log).toContain('"event":"shell.start"');
    expect(log).toContain('"dataDirSource":"environment"');

    // Every web contents is hardened, and its only way out is a platform page in the browser.
    const created = electron.state.listeners.get('web-contents-created')?.[0];
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    created?.({}, { on: vi.fn(), setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h) });
    expect(openHandler?.({ url: 'https://x.com/login' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1));
    expect(shell.openExternal).toHaveBeenCalledWith('https://x.com/login');
    // Except the Meta sign-in window's, which keeps to facebook.com by its own guard (meta-login-window.ts).
    const { openMetaLogin } = await import('../../electron/main/meta-login-window');
    void openMetaLogin('https://www.facebook.com/v25.0/dialog/oauth?state=s').catch(() => undefined);
    const loginSession = electron.module.session.fromPartition.mock.results[0]?.value as unknown;
    const loginContents = { session: loginSession, on: vi.fn(), setWindowOpenHandler: vi.fn() };
    created?.({}, loginContents);
    expect(loginContents.on).not.toHaveBeenCalled();
    const otherContents = { session: {}, on: vi.fn(), setWindowOpenHandler: vi.fn() };
    created?.({}, otherContents);
    expect(otherContents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));

    // The tray, so the app can stay running with no window: Open, Lock, start at login, Quit.
    expect(electron.module.Tray).toHaveBeenCalledOnce();
    const template = electron.module.Menu.buildFromTemplate.mock.calls[0]?.[0] as { label?: string }[];
    expect(template.map((item) => item.label).filter(Boolean)).toContain('Start Custodian when I sign in to this computer');

    // Suspend and screen lock lock the console: the page is reloaded.
    const onPower = new Map(powerMonitor.on.mock.calls.map(([name, listener]) => [name as string, listener as () => void]));
    expect([...onPower.keys()].sort()).toEqual(['lock-screen', 'shutdown', 'suspend']);
    onPower.get('suspend')?.();
    await vi.waitFor(() => expect(window.webContents.reload).toHaveBeenCalledTimes(1));

    // Quit is held until the vault is closed, then goes through; afterwards calls are refused.
    const held = await quit();
    expect(held.preventDefault).toHaveBeenCalled();
    expect(powerMonitor.removeListener).toHaveBeenCalledWith('suspend', expect.any(Function));
    expect(await handler(fromWindow, 'vault.status', {})).toMatchObject({ ok: false, error: { message: 'Custodian is closing.' } });
    expect(existsSync(path.join(dataDir, 'custodian.sqlite3'))).toBe(false); // nothing created by looking
  });
});
