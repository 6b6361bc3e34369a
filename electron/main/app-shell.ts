import type { Core } from '../core/app';
import type { WindowSession } from '../core/window-session';
import type { ClipboardGuard } from './clipboard-guard';
import type { LockReason } from './idle-lock';
import type { Dispatch, IpcResult } from './ipc-guard';

/**
 * What main does between the window and the core, with no 'electron' import so it is tested
 * with fakes: one core for the vault folder, one WindowSession per window (the session token
 * stays here), locking (end the session, clear our clipboard value, reload the page so
 * nothing stays in the renderer's memory) and an orderly shutdown (the audit anchor is
 * written by core.close()).
 */

/** The parts of a BrowserWindow the shell touches. */
export interface ShellWindow {
  isDestroyed(): boolean;
  readonly webContents: { reload(): void };
}

export type ShellLog = (event: string, fields?: Record<string, string | number | boolean>) => void;

export interface AppShellOptions {
  readonly core: Pick<Core, 'close'>;
  /** createWindowSession(core) in main. */
  readonly openSession: () => WindowSession;
  readonly clipboard: Pick<ClipboardGuard, 'clearIfOurs'>;
  /** Run first on shutdown (stop the idle monitor, let a publishing pass finish, and the like). */
  readonly beforeShutdown?: () => void | Promise<void>;
  /** Quitting never waits longer than this for the core (a hung keychain must not hang quit). */
  readonly shutdownTimeoutMs?: number;
  readonly log?: ShellLog;
}

export interface AppShell {
  /** A new window gets a new, signed-out session; a previous one is ended. */
  attachWindow(window: ShellWindow): void;
  /** The window closed: its session ends (signed out, audited). */
  detachWindow(window: ShellWindow): Promise<void>;
  /** The IPC guard's dispatch: every call from the window goes to its session. */
  readonly dispatch: Dispatch;
  /** Ends the session, clears our clipboard value and reloads the page (except on quit). */
  lock(reason: LockReason): Promise<void>;
  readonly signedIn: boolean;
  /** Idempotent: ends the session, clears our clipboard value, closes the core. */
  shutdown(): Promise<void>;
}

export const SHUTDOWN_TIMEOUT_MS = 10_000;

function refused(message: string): IpcResult {
  return { ok: false, error: { code: 'forbidden', message } };
}

async function settle(step: () => Promise<unknown>, log: ShellLog, event: string): Promise<void> {
  try {
    await step();
  } catch (error) {
    // Only the error's class: a message could quote data.
    log(event, { error: error instanceof Error ? error.name : 'unknown' });
  }
}

export function createAppShell(options: AppShellOptions): AppShell {
  const log: ShellLog = options.log ?? (() => undefined);
  let current: { window: ShellWindow; session: WindowSession } | null = null;
  let closing: Promise<void> | null = null;

  const endSession = (session: WindowSession) => settle(() => session.end(), log, 'shell.session-end-failed');
  const clearClipboard = () => settle(() => options.clipboard.clearIfOurs(), log, 'shell.clipboard-clear-failed');

  const dispatch: Dispatch = async (method, input) => {
    if (closing !== null) return refused('Custodian is closing.');
    const target = current;
    if (target === null) return refused('This request did not come from the Custodian window.');
    const result = await target.session.invoke(method, input);
    // Signing out from the page (the lock button, Ctrl/Cmd+L) is a lock too.
    if (method === 'auth.signOut') await clearClipboard();
    return result;
  };

  const lock = async (reason: LockReason): Promise<void> => {
    const target = current;
    log('shell.lock', { reason, signedIn: target?.session.signedIn ?? false });
    if (target !== null) await endSession(target.session);
    await clearClipboard();
    // JavaScript cannot wipe memory: a fresh page is the only way to drop what the renderer
    // held (a revealed password, a TOTP code). It boots signed out and asks again.
    if (reason !== 'quit' && target !== null && !target.window.isDestroyed()) {
      try {
        target.window.webContents.reload();
      } catch {
        log('shell.reload-failed');
      }
    }
  };

  const shutdown = (): Promise<void> => {
    if (closing !== null) return closing;
    const steps = async () => {
      await options.beforeShutdown?.();
      const target = current;
      current = null;
      if (target !== null) await endSession(target.session);
      await clearClipboard();
      await settle(() => options.core.close(), log, 'shell.core-close-failed');
    };
    const timeoutMs = options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('shell.shutdown-timeout', { timeoutMs });
        resolve();
      }, timeoutMs);
    });
    closing = Promise.race([steps(), timeout]).finally(() => clearTimeout(timer));
    return closing;
  };

  return {
    dispatch,
    lock,
    shutdown,
    get signedIn() {
      return current?.session.signedIn ?? false;
    },
    attachWindow(window) {
      const previous = current;
      current = { window, session: options.openSession() };
      if (previous !== null) void endSession(previous.session);
    },
    async detachWindow(window) {
      if (current === null || current.window !== window) return;
      const { session } = current;
      current = null;
      await endSession(session);
    },
  };
}

/** The parts of Electron's app the quit guard uses. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the first quit until shutdown() has finished (the audit anchor is written), then
 * quits for real. Further quit requests while it runs are held too, and shutdown runs once.
 * afterShutdown runs just before the final quit (main uses it for the hung-keychain exit).
 */
export function installQuitGuard(app: QuittingApp, shutdown: () => Promise<void>, afterShutdown: () => void = () => undefined): void {
  let ready = false;
  let started = false;
  app.on('before-quit', (event) => {
    if (ready) return;
    event.preventDefault();
    if (started) return;
    started = true;
    void shutdown()
      .catch(() => undefined)
      .finally(() => {
        ready = true;
        afterShutdown();
        app.quit();
      });
  });
}
