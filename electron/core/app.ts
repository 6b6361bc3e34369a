import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller, MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { Result } from '../../shared/contract/result';
import { Sessions } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import type { ClipboardSink } from './credentials/clipboard-sink';
import type { ImageSource } from './credentials/image-source';

export type { ClipboardSink } from './credentials/clipboard-sink';
export type { ImageSource, RgbaImage } from './credentials/image-source';
export type { FolderPicker, FolderPurpose } from './files/folder-picker';
export type { ChosenFile, FileFilter, FilePicker, FilePurpose } from './files/file-picker';
export type { BrowserOpener } from './publishing/oauth/browser-opener';
export type { MetaLogin } from './publishing/oauth/meta-login';
import type { AdapterRegistry, PlatformAdaptersOptions } from './publishing/adapters/platform-adapters';
import { CoreError } from './errors';
import { openPublisher } from './publishing/publisher/publisher-identity';
import { sodiumReady } from './keys/sodium';
import { loadHandler } from './method-handlers';
import { Router } from './router';
import type { SecretStore } from './secrets/secret-store';
import type { ReviewProgress } from './review/review-export';
import type { FolderPicker } from './files/folder-picker';
import type { FilePicker } from './files/file-picker';
import { ChosenImports } from './imports/chosen-imports.store';
import { KitWords } from './recovery/kit-words.store';
import { VaultHost, type VaultDatabase } from './vault/vault-host';
import { appendPrivateFile, makePrivateDir } from './files/private-files';
import type { BrowserOpener } from './publishing/oauth/browser-opener';
import type { MetaLogin } from './publishing/oauth/meta-login';
import type { HandlerDeps, Load } from './handler-loaders';

export interface CoreOptions {
  dataDir: string;
  secretStore: SecretStore;
  clock?: Clock;
  validateOutputs?: boolean;
  /** The desktop app's Electron-ABI build of better-sqlite3 (the CLI and tests use the Node build). */
  nativeBinding?: string;
  /** Where a copied secret goes: the desktop app's clipboard guard. Absent in the CLI. */
  clipboard?: ClipboardSink;
  /** Where a 2FA QR code image is read from: main's file dialog and clipboard, or the CLI's --file PNG. */
  imageSource?: ImageSource;
  /** The publishing adapters' fetch, deadlines and sleep (each channel's api_base picks the host). */
  publishing?: PlatformAdaptersOptions;
  /** Adapters to use instead of the platforms' own (tests). */
  adapters?: AdapterRegistry;
  /** How long a publishing claim holds before another runner may reconcile it (default 5 min; renewed while a call runs). */
  schedulerLeaseMs?: number;
  /** Opens the system browser for a channel's OAuth sign-in (the desktop's shell, the CLI's opener). */
  browser?: BrowserOpener;
  /**
   * Facebook and Instagram's sign-in: the desktop app's embedded Meta login window, which shows
   * the dialog and resolves with the login_success address (meta-login.ts). Absent in the CLI,
   * which then refuses a Meta sign-in and says why.
   */
  metaLogin?: MetaLogin;
  /** How long a sign-in waits for the browser (default 5 minutes; tests shorten it). */
  oauthWaitMs?: number;
  /** Told before each file of a review pack is written (the CLI's "Writing review.pdf…" lines). */
  reviewProgress?: ReviewProgress;
  /** Main's folder dialog, for the window's review pack, backup folder and recovery kit (absent in the CLI). */
  folderPicker?: FolderPicker;
  /** Main's file dialog, which also reads the file, for the window's imports (absent in the CLI). */
  filePicker?: FilePicker;
  /** Told once, at vault open, when the data folder had to be made private again (the CLI's stderr). */
  warn?: (message: string) => void;
  /** Where the vault's data live: the data folder's SQLite file unless a PostgreSQL database is named. */
  database?: VaultDatabase;
}


export interface Core {
  readonly dataDir: string;
  /**
   * One call through the router. caller is the door it came through: 'window' for the desktop
   * window (createWindowSession), 'cli' for the command line, the scheduler and tests.
   */
  dispatch(token: string | null, method: string, input: unknown, caller?: Caller): Promise<Result<unknown>>;
  /** The typed form, for the command line and tests, which know the method at compile time. */
  call<M extends MethodName>(token: string | null, method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /**
   * Signs the publisher of this computer in (`custodian scheduler run`): its key from the
   * keychain, or from `keyFile` on a headless box. The token may call what the contract marks
   * `publisher` (a publishing pass) and nothing else. Not a contract method: no window reaches it.
   */
  signInPublisher(place: { keyFile?: string }): Promise<string>;
  /**
   * The desktop app's in-process scheduler: one publishing pass over the targets that are due,
   * run as this computer's publisher (the same identity as `scheduler run`), through the router.
   * Does nothing (null) until a vault exists, or while no publisher is enrolled on this computer
   * (enrolAtWindowSignIn makes one at an administrator's sign-in when the vault has none).
   */
  publishDue(): Promise<number | null>;
  /**
   * The automatic daily backup, when one is due (the desktop app asks every few minutes).
   * Returns the new backup's id, or null when none was due or there is no vault yet.
   */
  backupDue(): Promise<string | null>;
  /** Writes the audit anchor and closes the database. */
  close(): Promise<void>;
  /**
   * Starts loading a method's handler module without calling it (never fails: a call reports
   * any problem). The CLI asks for its command's method before signing in, so the module loads
   * while the sign-in's scrypt runs on another thread.
   */
  prepare(method: MethodName): void;
}

/** The composition root: one core per data folder, shared by the window, the CLI and tests. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  // Structured, secret-free log lines in the data folder's logs/ (only ids, codes, names of things).
  const log = (event: string, fields: Record<string, unknown>) => {
    // Never create the data folder just to log: a failed init must leave nothing behind.
    if (!existsSync(options.dataDir)) return;
    try {
      const dir = join(options.dataDir, 'logs');
      makePrivateDir(dir);
      appendPrivateFile(join(dir, 'custodian.log'), `${JSON.stringify({ at: clock.now().toISOString(), event, ...fields })}\n`);
    } catch {
      // Logging must never break the operation it describes.
    }
  };
  const host = new VaultHost(options.dataDir, options.secretStore, clock, log, options.nativeBinding, undefined, options.warn, options.database);
  const sessions = new Sessions();
  // What each loader gave, per core: a handler module is imported and built at its first call.
  const loaded = new Map<Load<unknown>, Promise<unknown>>();
  const deps: HandlerDeps = {
    host,
    sessions,
    options,
    clock,
    log,
    // Files chosen for import in the window, kept per session until imported (never the page's).
    chosenImports: new ChosenImports(),
    // The key of a kit just made in the window, for its reveal and checksum (never the CLI's).
    kitWords: new KitWords(clock),
    use: <T>(load: Load<T>): Promise<T> => {
      let promise = loaded.get(load) as Promise<T> | undefined;
      if (promise === undefined) {
        promise = load(deps);
        loaded.set(load, promise);
        // A failed import (a chunk missing) is tried again at the next call, not remembered.
        promise.catch(() => loaded.delete(load));
      }
      return promise;
    },
  };
  const router = new Router({ host, sessions, log, use: deps.use, validateOutputs: options.validateOutputs ?? false });
  return {
    dataDir: options.dataDir,
    dispatch: (token, method, input, caller = 'cli') => router.dispatch(token, method, input, caller),
    call: (token, method, input) => router.dispatch(token, method, input, 'cli') as never,
    signInPublisher: async (place) => {
      const vault = await host.open();
      await sodiumReady();
      const publisherId = await openPublisher(vault, place.keyFile === undefined ? 'keychain' : { keyFile: place.keyFile });
      return sessions.startPublisher(publisherId, 'cli');
    },
    publishDue: async () => {
      if (!(await host.exists())) return null;
      const vault = await host.open();
      await sodiumReady();
      let token: string;
      try {
        token = sessions.startPublisher(await openPublisher(vault, 'keychain'), 'cli');
      } catch (error) {
        // No publisher here (another computer publishes, or none is enrolled yet): nothing to do.
        if (error instanceof CoreError && error.code === 'not_found') return null;
        throw error;
      }
      try {
        const result = await router.dispatch(token, 'scheduler.runOnce', {}, 'cli');
        if (!result.ok) throw new CoreError(result.error.code, result.error.message);
        return (result.value as MethodOutput<'scheduler.runOnce'>).results.length;
      } finally {
        sessions.end(token);
      }
    },
    backupDue: async () => (await import('./backup/backup.handlers')).automaticBackupIfDue(host),
    close: () => host.close(),
    prepare: (method) => {
      loadHandler(deps.use, method).catch(() => undefined);
    },
  };
}
