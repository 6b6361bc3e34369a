import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { Result } from '../../shared/contract/result';
import { createCore, type ClipboardSink, type Core, type CoreOptions } from '../../electron/core/app';
import type { Clock } from '../../electron/core/clock';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databaseAccess } from './database-access';
import { testDatabase, type DatabaseAccess } from './test-database';

export const ADMIN = { name: 'Alex Admin', email: 'alex.admin@trust.example', passphrase: 'correct horse battery' };

/** A settable clock for tests that move time. */
export function testClock(start = new Date('2026-11-24T10:00:00Z')): Clock & { set(date: Date): void; advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => (now = date.getTime()),
    advance: (ms) => (now += ms),
  };
}

export function tempDir(prefix = 'custodian-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Unwraps a Result, failing the test with the error when it is not ok. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) expect.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export interface TestVault {
  core: Core;
  dataDir: string;
  clock: ReturnType<typeof testClock>;
  admin: string;
  call<M extends MethodName>(token: string | null, method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  signIn(email: string, passphrase: string): Promise<string>;
  /** The vault's database as sqlite3 or psql would see it (database-access.ts), on either engine. */
  database: DatabaseAccess;
  close(): Promise<void>;
}

/** What main plugs into the core in the desktop app (clipboard, image source), for tests that need them. */
export type CoreSinks = Omit<Partial<CoreOptions>, 'dataDir' | 'secretStore' | 'clock' | 'validateOutputs'>;

/** A clipboard that keeps what was copied, in place of main's clipboard guard. */
export function recordingClipboard(): ClipboardSink & { readonly copied: string[] } {
  const copied: string[] = [];
  return { copied, copy: (value) => void copied.push(value) };
}

/**
 * Signs in as someone who uses `passphrase` as their own. An operator added by an administrator
 * must change the passphrase they were given at their first sign-in (their key is made then):
 * the tests' people keep the passphrase the test knows, so the first sign-in changes it to a
 * passing one and back (the rule refuses the same passphrase), as the person at the keyboard
 * would choose theirs. Tests of that first sign-in itself call auth.signIn directly.
 */
export async function signInOwnPassphrase(core: Core, email: string, passphrase: string): Promise<string> {
  const signedIn = value(await core.call(null, 'auth.signIn', { email, passphrase }));
  if (!signedIn.operator.mustChangePassphrase) return signedIn.token;
  const passing = `${passphrase} passing through`;
  value(await core.call(signedIn.token, 'auth.changePassphrase', { current: passphrase, next: passing }));
  value(await core.call(signedIn.token, 'auth.changePassphrase', { current: passing, next: passphrase }));
  return signedIn.token;
}

/** An operator an administrator added, whose first sign-in (the change of the passphrase they were given) is behind them. */
export async function firstSignInDone(v: TestVault, person: { email: string; passphrase: string }): Promise<void> {
  value(await v.call(await v.signIn(person.email, person.passphrase), 'auth.signOut', {}));
}

/**
 * A real vault and the real OS keychain: its data in a SQLite file in a temp folder, or, when
 * CUSTODIAN_TEST_DB=postgres (the suites that run on both engines), in a PostgreSQL database of
 * its own on the run's server (test-database.ts).
 */
export async function createTestVault(options: { clock?: ReturnType<typeof testClock>; sinks?: CoreSinks } = {}): Promise<TestVault> {
  const dir = tempDir();
  const clock = options.clock ?? testClock();
  const database = await testDatabase();
  const core = createCore({ ...options.sinks, dataDir: dir.path, secretStore: createKeytarStore(), clock, validateOutputs: true, database: database.option });
  value(await core.call(null, 'vault.init', { trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase }));
  const signIn = (email: string, passphrase: string) => signInOwnPassphrase(core, email, passphrase);
  return {
    core,
    dataDir: dir.path,
    clock,
    admin: await signIn(ADMIN.email, ADMIN.passphrase),
    call: (token, method, input) => core.call(token, method, input),
    signIn,
    database: databaseAccess(dir.path, database.option),
    close: async () => {
      await core.close();
      await database.drop();
      dir.remove();
    },
  };
}
