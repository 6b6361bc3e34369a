import { randomBytes, randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { SecretStoreError, type SecretStore, type SecretStoreErrorCode } from './secret-store';

/** The GitHub CLI uses 3 s for background keychain calls; a locked keyring can block for minutes. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3000;

/** Service name of the throwaway entry written by probeKeychain. */
export const PROBE_SERVICE = 'custodian-probe';

/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager, or a Linux
 * Secret Service (GNOME Keyring, KWallet, KeePassXC) through libsecret.
 *
 * Every call is raced against `timeoutMs`. keytar cannot cancel a call, so a timed-out call
 * keeps one libuv worker thread blocked until the keychain answers, and a timed-out `set` may
 * still land later (harmless: callers write the keychain before the database claims a
 * secret). While such a call is blocked, even process.exit() hangs (Node joins its worker
 * threads on exit): see pendingKeychainCalls.
 *
 * Known libsecret behaviour with a LOCKED collection and no way to prompt (observed with
 * GNOME Keyring 42): `set` fails ("Cannot create an item in a locked collection") but `get`
 * resolves null and `delete` resolves false as if the entry did not exist. Only a write
 * tells the two apart, which is why init calls probeKeychain before anything else.
 * keytar's findCredentials crashes the process (SIGSEGV) in that state: never use it.
 */
export function createKeytarStore(options: { timeoutMs?: number } = {}): SecretStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;

  async function call<T>(run: () => Promise<T>, secret?: string): Promise<T> {
    try {
      // keytar validates its arguments synchronously: the async wrapper turns that into a rejection.
      const pending = Promise.resolve().then(run);
      pendingCalls++;
      void pending.then(settled, settled);
      return await withTimeout(pending, timeoutMs);
    } catch (error) {
      throw mapKeytarError(error, secret === undefined ? {} : { secret });
    }
  }

  return {
    kind: 'os-keychain',
    get: (service, account) => call(() => keytar.getPassword(service, account)),
    set: (service, account, value) => call(() => keytar.setPassword(service, account, value), value),
    delete: (service, account) => call(() => keytar.deletePassword(service, account)),
  };
}

let pendingCalls = 0;
const settled = () => {
  pendingCalls--;
};

/**
 * Keychain calls still running in the OS, including those that already timed out. When it is
 * not 0 at exit, process.exit() blocks until the keychain answers (observed: forever with a
 * silent bus), so a CLI must end itself with a signal instead, e.g. after flushing output:
 * process.kill(process.pid, 'SIGKILL').
 */
export function pendingKeychainCalls(): number {
  return pendingCalls;
}

/**
 * Writes, reads back and deletes a throwaway entry, so that init fails fast with the real
 * cause (no keychain, locked, hanging) before it writes anything else. A random account
 * keeps concurrent probes (parallel test files, two instances) apart.
 */
export async function probeKeychain(store: SecretStore): Promise<void> {
  const account = `probe-${randomUUID()}`;
  const value = randomBytes(16).toString('hex');
  await store.set(PROBE_SERVICE, account, value);
  let readBack: string | null;
  try {
    readBack = await store.get(PROBE_SERVICE, account);
  } catch (error) {
    await store.delete(PROBE_SERVICE, account).catch(() => false);
    throw error;
  }
  const removed = await store.delete(PROBE_SERVICE, account);
  if (readBack !== value) {
    throw new SecretStoreError('keychain_error', 'The system keychain accepted a test entry but did not give it back intact, so it cannot be trusted with passwords.');
  }
  if (!removed) {
    throw new SecretStoreError('keychain_error', 'The system keychain kept a test entry it was asked to delete, so it cannot be trusted with passwords.');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function timeoutError(ms: number): SecretStoreError {
  return new SecretStoreError(
    'keychain_timeout',
    `The system keychain did not answer within ${seconds(ms)}: it is probably locked and waiting for an unlock prompt. Unlock your login keyring and try again.`,
  );
}

interface Rule {
  match: RegExp;
  code: SecretStoreErrorCode;
  message: string;
}

const NO_SESSION = 'The system keychain is not reachable: there is no D-Bus session (start Custodian from a desktop session, or start a Secret Service such as GNOME Keyring).';

/**
 * Messages observed from keytar 7.9 + libsecret + GNOME Keyring 42 on Debian 12 (see
 * tests/integration/keychain.test.ts), plus the macOS ones with an obvious meaning.
 * Order matters: the first match wins.
 */
const RULES: Rule[] = [
  // DBUS_SESSION_BUS_ADDRESS unset and no $DISPLAY.
  { match: /Cannot autolaunch D-Bus/i, code: 'keychain_unavailable', message: NO_SESSION },
  // DBUS_SESSION_BUS_ADDRESS unset, $DISPLAY set, dbus-launch not installed.
  { match: /dbus-launch/i, code: 'keychain_unavailable', message: NO_SESSION },
  // DBUS_SESSION_BUS_ADDRESS names a socket that is gone or not listening.
  {
    match: /Could not connect|Couldn't connect|Connection refused/i,
    code: 'keychain_unavailable',
    message: 'The system keychain is not reachable: the D-Bus session it is reached through is not running (log in again, or start a Secret Service such as GNOME Keyring).',
  },
  // DBUS_SESSION_BUS_ADDRESS is malformed.
  {
    match: /Address element|Unknown address|Error in address|address.*(invalid|not valid)/i,
    code: 'keychain_unavailable',
    message: 'The system keychain is not reachable: the D-Bus session address (DBUS_SESSION_BUS_ADDRESS) is not valid.',
  },
  // A D-Bus session without any Secret Service.
  {
    match: /org\.freedesktop\.secrets|not provided by any \.service files|ServiceUnknown/i,
    code: 'keychain_unavailable',
    message: 'The system keychain is not reachable: no Secret Service is running (install and start GNOME Keyring, or another Secret Service such as KeePassXC).',
  },
  // GNOME Keyring running without a default (login) keyring, and no way to prompt to create one.
  {
    match: /Object does not exist at path .*\/collection\/|No such secret collection/i,
    code: 'keychain_unavailable',
    message: 'The system keychain has no default keyring to keep passwords in (create a login keyring, e.g. with the Passwords and Keys app, then try again).',
  },
  // Cancelled or dismissed unlock prompt (libsecret, macOS "User canceled the operation.").
  {
    match: /cancel|dismissed/i,
    code: 'keychain_locked',
    message: 'The system keychain stayed locked because the unlock prompt was cancelled: unlock your login keyring and try again.',
  },
  // GNOME Keyring: "Cannot create an item in a locked collection", "... of a locked object";
  // macOS: "User interaction is not allowed." when the keychain is locked and cannot prompt.
  {
    match: /\blocked\b|IsLocked|User interaction is not allowed/i,
    code: 'keychain_locked',
    message: 'The system keychain is locked: unlock your login keyring and try again.',
  },
  // GDBus gave up waiting (its own limit is 25 s, so normally our timeout fires first).
  {
    match: /Timeout was reached|NoReply|Did not receive a reply/i,
    code: 'keychain_timeout',
    message: 'The system keychain did not answer: it is probably locked and waiting for an unlock prompt. Unlock your login keyring and try again.',
  },
  // keytar's own argument checks ("Service is required." ...): a bug in the caller, not the keychain.
  {
    match: /^(Service|Account|Password) is required\.$/,
    code: 'keychain_error',
    message: 'The system keychain refused an entry with an empty name or an empty value.',
  },
];

const MAX_DETAIL = 300;

/**
 * Turns whatever keytar rejected with into a SecretStoreError whose message names the cause
 * in plain words, followed by the keychain's own words as a detail for support. libsecret
 * and the OS never echo the value, but `secret` (the value being written) is still removed
 * from the detail as a belt-and-braces measure. A SecretStoreError passes through as is.
 */
export function mapKeytarError(error: unknown, context: { secret?: string } = {}): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const raw = redact(error instanceof Error ? error.message : String(error), context.secret);
  const detail = raw.length > MAX_DETAIL ? `${raw.slice(0, MAX_DETAIL)}…` : raw;
  const rule = RULES.find((r) => r.match.test(raw));
  if (rule) return new SecretStoreError(rule.code, `${rule.message} [keychain: ${detail}]`);
  return new SecretStoreError('keychain_error', `The system keychain reported an error: ${detail || 'no details given'}`);
}

function redact(message: string, secret: string | undefined): string {
  if (!secret) return message;
  return message.split(secret).join('[redacted]');
}
