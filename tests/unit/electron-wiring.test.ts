import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract/result';

// ipc-guard.ts and app-protocol.ts import 'electron' (ipcMain, protocol); the binary is not here.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() }, protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));

const { createAppShell, installQuitGuard } = await import('../../electron/main/app-shell');
const { guardInvoke } = await import('../../electron/main/ipc-guard');
const { clipboardSink, createClipboardGuard, osFormat } = await import('../../electron/main/clipboard-guard');
const { createWindowSession } = await import('../../electron/core/window-session');
const { createCore } = await import('../../electron/core/app');
const { createMemoryStore } = await import('../../electron/core/secrets/memory.store');
const { defaultDataDir } = await import('../../electron/core/vault/data-dir');
const { pinnedUserDataDir, readShellSettings, switchValue } = await import('../../electron/main/shell-settings');
type Core = import('../../electron/core/app').Core;
type FrameLike = import('../../electron/main/ipc-guard').FrameLike;

/** A BrowserWindow as the guard and the shell see it. */
function fakeWindow() {
  const mainFrame: FrameLike = { url: 'app://custodian/index.html', origin: 'app://custodian', parent: null, processId: 3, routingId: 1 };
  let destroyed = false;
  const webContents = { mainFrame, reload: vi.fn() };
  return {
    webContents,
    isDestroyed: () => destroyed,
    destroy: () => (destroyed = true),
    /** An invoke event from this window's main frame. */
    event: { sender: webContents, senderFrame: mainFrame },
  };
}

/** A core that records what reaches it: the session token main adds, the method, the input. */
function recordingCore() {
  const calls: Array<{ token: string | null; method: string; input: unknown }> = [];
  const core = {
    calls,
    closed: 0,
    dataDir: '/nowhere',
    async dispatch(token: string | null, method: string, input: unknown): Promise<Result<unknown>> {
      calls.push({ token, method, input });
      if (method === 'auth.signIn') return { ok: true, value: { token: 'tok-123', operator: { email: 'a@b.example' } } };
      if (token === null) return { ok: false, error: { code: 'unauthenticated', message: 'Sign in first.' } };
      return { ok: true, value: { method } };
    },
    call: () => Promise.reject(new Error('not used')),
    async close() {
      core.closed++;
    },
  };
  return core;
}

function clipboardRecorder() {
  let text = '';
  let formats: Record<string, unknown> = {};
  return {
    write: vi.fn(async (items: unknown[]) => {
      formats = (items[0] as { items: Record<string, unknown> }).items;
      text = String(formats['text/plain'] ?? '');
    }),
    writeText: vi.fn(async (value: string) => {
      text = value;
      formats = { 'text/plain': value };
    }),
    readText: vi.fn(async () => text),
    clear: vi.fn(() => {
      text = '';
      formats = {};
    }),
    get text() {
      return text;
    },
    get formats() {
      return formats;
    },
  };
}

describe('main wiring: window → IPC guard → window session → core', () => {
  function setup() {
    const core = recordingCore();
    const clipboard = clipboardRecorder();
    const guard = createClipboardGuard({ clipboard, makeItem: (items) => ({ items }), platform: 'linux' });
    const shell = createAppShell({ core: core as unknown as Core, openSession: () => createWindowSession(core as unknown as Core), clipboard: guard });
    const window = fakeWindow();
    shell.attachWindow(window);
    const invoke = guardInvoke(shell.dispatch, () => window);
    return { core, clipboard, guard, shell, window, invoke };
  }

  it('a call through the guard reaches the session, which adds the token the page never sees', async () => {
    const { core, shell, window, invoke } = setup();
    const signedIn = await invoke(window.event, 'auth.signIn', { email: 'a@b.example', passphrase: 'x' });
    expect(signedIn).toEqual({ ok: true, value: { operator: { email: 'a@b.example' } } });
    expect(JSON.stringify(signedIn)).not.toContain('tok-123');
    expect(shell.signedIn).toBe(true);

    expect(await invoke(window.event, 'channel.list', {})).toEqual({ ok: true, value: { method: 'channel.list' } });
    expect(core.calls.at(-1)).toEqual({ token: 'tok-123', method: 'channel.list', input: {} });

    // A frame that is not our window's main frame never reaches the session.
    const before = core.calls.length;
    expect(await invoke({ ...window.event, senderFrame: null }, 'channel.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.calls.length).toBe(before);
  });

  it('locking signs the session out in the core, clears our clipboard value and reloads the page', async () => {
    const { core, clipboard, guard, shell, window, invoke } = setup();
    await invoke(window.event, 'auth.signIn', { email: 'a@b.example', passphrase: 'x' });
    await guard.copyToClipboard('copied-password');
    await shell.lock('idle');
    expect(core.calls.at(-1)).toEqual({ token: 'tok-123', method: 'auth.signOut', input: {} });
    expect(shell.signedIn).toBe(false);
    expect(clipboard.clear).toHaveBeenCalledTimes(1);
    expect(window.webContents.reload).toHaveBeenCalledTimes(1);
    // The reloaded page starts signed out: its calls carry no token.
    expect(await invoke(window.event, 'channel.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(core.calls.at(-1)?.token).toBeNull();
  });

  it('signing out from the page (the lock button) also clears our clipboard value', async () => {
    const { core, clipboard, guard, window, invoke } = setup();
    await invoke(window.event, 'auth.signIn', { email: 'a@b.example', passphrase: 'x' });
    await guard.copyToClipboard('copied-password');
    expect(await invoke(window.event, 'auth.signOut', {})).toEqual({ ok: true, value: { done: true } });
    expect(core.calls.at(-1)).toMatchObject({ token: 'tok-123', method: 'auth.signOut' });
    expect(clipboard.clear).toHaveBeenCalledTimes(1);
  });

  it('a lock still clears and reloads when the core fails to sign out', async () => {
    const { core, clipboard, guard, shell, window, invoke } = setup();
    await invoke(window.event, 'auth.signIn', { email: 'a@b.example', passphrase: 'x' });
    await guard.copyToClipboard('copied-password');
    core.dispatch = async () => Promise.reject(new Error('database is locked'));
    await shell.lock('suspend');
    expect(clipboard.clear).toHaveBeenCalledTimes(1);
    expect(window.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('a closed window ends its session; a new window starts signed out', async () => {
    const { core, shell, window, invoke } = setup();
    await invoke(window.event, 'auth.signIn', { email: 'a@b.example', passphrase: 'x' });
    window.destroy();
    await shell.detachWindow(window);
    expect(core.calls.at(-1)).toMatchObject({ token: 'tok-123', method: 'auth.signOut' });
    await shell.lock('lock-screen'); // no window: nothing to reload, no throw
    expect(window.webContents.reload).not.toHaveBeenCalled();
    const second = fakeWindow();
    shell.attachWindow(second);
    expect(shell.signedIn).toBe(false);
  });

  it('shutdown ends the session, clears the clipboard and closes the core once; later calls are refused', async () => {
    const { core, clipboard, guard, shell, window, invoke } = setup();
    await invoke(window.event, 'auth.signIn', { email: 'a@b.example', passphrase: 'x' });
    await guard.copyToClipboard('copied-password');
    await Promise.all([shell.shutdown(), shell.shutdown()]);
    expect(core.closed).toBe(1);
    expect(clipboard.clear).toHaveBeenCalledTimes(1);
    expect(core.calls.filter((c) => c.method === 'auth.signOut')).toHaveLength(1);
    expect(await invoke(window.event, 'channel.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Custodian is closing.' } });
  });

  it('shutdown does not hang on a core that never closes', async () => {
    const events: string[] = [];
    const shell = createAppShell({
      core: { close: () => new Promise<void>(() => undefined) },
      openSession: () => createWindowSession(recordingCore() as unknown as Core),
      clipboard: { clearIfOurs: async () => false },
      shutdownTimeoutMs: 50,
      log: (event) => events.push(event),
    });
    await shell.shutdown();
    expect(events).toContain('shell.shutdown-timeout');
  });
});

describe('quitting', () => {
  function fakeApp() {
    let listener: ((event: { preventDefault(): void }) => void) | undefined;
    const app = {
      quit: vi.fn(() => app.beforeQuit()),
      on: (_event: 'before-quit', l: typeof listener) => {
        listener = l;
      },
      /** Returns true when the quit was held. */
      beforeQuit() {
        const event = { preventDefault: vi.fn() };
        listener?.(event);
        return event.preventDefault.mock.calls.length > 0;
      },
    };
    return app;
  }

  it('holds the quit until the vault is closed (audit anchor written), then quits once', async () => {
    const app = fakeApp();
    let finish: () => void = () => undefined;
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const after = vi.fn();
    installQuitGuard(app, shutdown, after);
    expect(app.beforeQuit()).toBe(true);
    expect(app.beforeQuit()).toBe(true); // Cmd+Q twice: still held, shutdown not run again
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(after).toHaveBeenCalledTimes(1);
    expect(app.beforeQuit()).toBe(false); // the real quit goes through
  });

  it('quits even when shutdown fails', async () => {
    const app = fakeApp();
    installQuitGuard(app, () => Promise.reject(new Error('keychain locked')));
    expect(app.beforeQuit()).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });
});

describe('the real core behind the shell (memory keychain, real SQLite file)', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('copies a secret to the clipboard for a holder without it crossing IPC, and a lock ends it all', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custodian-shell-core-'));
    const clipboard = clipboardRecorder();
    const guard = createClipboardGuard({ clipboard, makeItem: (items) => ({ items }), platform: 'linux' });
    const core = createCore({ dataDir: dir, secretStore: createMemoryStore(), clipboard: clipboardSink(guard, () => undefined) });
    const shell = createAppShell({ core, openSession: () => createWindowSession(core), clipboard: guard });
    const window = fakeWindow();
    shell.attachWindow(window);
    const invoke = guardInvoke(shell.dispatch, () => window);
    const ok = async (method: string, input: unknown) => {
      const result = await invoke(window.event, method, input);
      if (!result.ok) expect.fail(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };

    const admin = { email: 'alex.admin@trust.example', passphrase: 'correct horse battery' };
    await ok('vault.init', { trustName: 'Trust', adminName: 'Alex Admin', adminEmail: admin.email, passphrase: admin.passphrase });
    await ok('auth.signIn', admin);
    await ok('example.load', { demo: false });
    await ok('secret.set', { channel: 'x:@SHINEatPPA', kind: 'password', value: 'only-on-the-clipboard-7' });
    // Setting it made the administrator its holder.

    const copied = await invoke(window.event, 'secret.copy', { channel: 'x:@SHINEatPPA', kind: 'password', reason: 'Posting the newsletter' });
    expect(copied).toEqual({ ok: true, value: { copied: true } });
    expect(JSON.stringify(copied)).not.toContain('only-on-the-clipboard-7');
    await vi.waitFor(() => expect(clipboard.text).toBe('only-on-the-clipboard-7'));
    expect(clipboard.formats[osFormat('x-kde-passwordManagerHint')]).toBe('secret');

    await shell.lock('idle');
    expect(clipboard.text).toBe('');
    expect(window.webContents.reload).toHaveBeenCalledTimes(1);
    expect(await invoke(window.event, 'auth.whoami', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    await shell.shutdown();
    expect(await invoke(window.event, 'vault.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('shell settings', () => {
  const base = { argv: ['/opt/Custodian/custodian'], env: {}, cwd: '/home/sam', userDataDir: '/home/sam/.config/Custodian' };

  it('defaults: the per-user data folder, 30 s clipboard, 15 min idle lock', () => {
    expect(readShellSettings(base)).toEqual({ dataDir: '/home/sam/.config/Custodian', dataDirSource: 'default', clipboardClearMs: 30_000, idleLockMinutes: 15 });
  });

  it('--data-dir wins over CUSTODIAN_DATA_DIR, which wins over the default; relative paths are from the start folder', () => {
    const env = { CUSTODIAN_DATA_DIR: '/srv/vault-env' };
    expect(readShellSettings({ ...base, env })).toMatchObject({ dataDir: '/srv/vault-env', dataDirSource: 'environment' });
    expect(readShellSettings({ ...base, env, argv: [...base.argv, '--data-dir=/srv/vault-cli'] })).toMatchObject({ dataDir: '/srv/vault-cli', dataDirSource: 'command-line' });
    expect(readShellSettings({ ...base, argv: [...base.argv, '--data-dir', 'vaults/test'] })).toMatchObject({ dataDir: '/home/sam/vaults/test' });
    expect(readShellSettings({ ...base, env: { CUSTODIAN_DATA_DIR: '   ' } })).toMatchObject({ dataDirSource: 'default' });
    expect(readShellSettings({ ...base, argv: [...base.argv, '--data-dir=', '--other'] })).toMatchObject({ dataDirSource: 'default' });
  });

  it('reads the clipboard delay (10–300 s) and the idle lock (1–60 min), clamped, junk ignored', () => {
    const withArgs = (...args: string[]) => readShellSettings({ ...base, argv: [...base.argv, ...args] });
    expect(withArgs('--clipboard-clear-seconds=45', '--idle-lock-minutes=5')).toMatchObject({ clipboardClearMs: 45_000, idleLockMinutes: 5 });
    expect(withArgs('--clipboard-clear-seconds=2', '--idle-lock-minutes=600')).toMatchObject({ clipboardClearMs: 10_000, idleLockMinutes: 60 });
    expect(withArgs('--clipboard-clear-seconds=9999', '--idle-lock-minutes=0')).toMatchObject({ clipboardClearMs: 300_000, idleLockMinutes: 1 });
    expect(withArgs('--clipboard-clear-seconds=never', '--idle-lock-minutes=-5')).toMatchObject({ clipboardClearMs: 30_000, idleLockMinutes: 15 });
    expect(readShellSettings({ ...base, env: { CUSTODIAN_CLIPBOARD_CLEAR_SECONDS: '120', CUSTODIAN_IDLE_LOCK_MINUTES: '30' } })).toMatchObject({
      clipboardClearMs: 120_000,
      idleLockMinutes: 30,
    });
  });

  it('reads --name=value and --name value, first one wins', () => {
    expect(switchValue(['--a=1', '--a=2'], 'a')).toBe('1');
    expect(switchValue(['--a', 'x'], 'a')).toBe('x');
    expect(switchValue(['--a', '--b'], 'a')).toBeUndefined();
    expect(switchValue(['--ab=1'], 'a')).toBeUndefined();
  });

  it.each([
    ['linux', { XDG_CONFIG_HOME: '/home/sam/.config' }, '/home/sam/.config'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg'],
  ] as const)("the pinned userData on %s is the CLI's default folder (%j)", (platform, env, appData) => {
    expect(pinnedUserDataDir(appData)).toBe(defaultDataDir(env, platform));
  });

  it("the pinned userData is the CLI's default folder on Windows (%APPDATA%) and macOS (Application Support) too", () => {
    expect(pinnedUserDataDir('/appdata/Roaming')).toBe(defaultDataDir({ APPDATA: '/appdata/Roaming' }, 'win32'));
    expect(pinnedUserDataDir(path.join(homedir(), 'Library', 'Application Support'))).toBe(defaultDataDir({}, 'darwin'));
  });
});
