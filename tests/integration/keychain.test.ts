import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarStore, mapKeytarError, probeKeychain } from '../../electron/core/secrets/keytar.store';
import { createMemoryStore } from '../../electron/core/secrets/memory.store';
import { SecretStoreError, type SecretStoreErrorCode } from '../../electron/core/secrets/secret-store';
import {
  runInPrivateKeyring,
  runWithoutKeychain,
  runWithoutSecretService,
  runWithSilentKeychain,
  runWithUnsetUpKeyring,
  type ChildRun,
} from '../support/keyring-session';

// Runs against the REAL keychain: `node scripts/with-keychain.mjs npx vitest run ...` provides
// one (a private GNOME Keyring when the session has none). Failure cases run in child
// processes, each with the keychain it needs (tests/support/keyring-session.ts).

/** What keytar 7.9 / libsecret / GNOME Keyring 42 throw (Debian 12), as observed by these tests. */
const OBSERVED = {
  noBusUnset: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  noBusSocket: 'Could not connect: No such file or directory',
  busRefused: 'Could not connect: Connection refused',
  noDbusLaunch: 'Failed to execute child process “dbus-launch” (No such file or directory)',
  badAddress: 'Address element “garbage” does not contain a colon (:)',
  noSecretService: 'The name org.freedesktop.secrets was not provided by any .service files',
  noLoginKeyring: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
  locked: 'Cannot create an item in a locked collection',
} as const;

const CHILD = fileURLToPath(new URL('../support/keychain-child.mjs', import.meta.url));
const MARGIN_MS = 1500;

interface Op {
  op: 'set' | 'get' | 'delete' | 'probe';
  service?: string;
  account?: string;
  value?: string;
}
interface OpResult {
  op: string;
  ok: boolean;
  result?: unknown;
  name?: string;
  code?: string;
  message?: string;
  ms: number;
}

function child(mode: 'raw' | 'store', ops: Op[], timeoutMs?: number): string[] {
  return [process.execPath, CHILD, mode, JSON.stringify({ ops, timeoutMs })];
}

function report(run: ChildRun): { results: OpResult[]; stuck: boolean } {
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) expect.fail(`the child printed no result (code ${run.code}, signal ${run.signal}, timed out ${run.timedOut}):\n${run.stderr}`);
  return JSON.parse(line.slice('RESULT '.length)) as { results: OpResult[]; stuck: boolean };
}

function results(run: ChildRun): OpResult[] {
  return report(run).results;
}

/** The one failed op of a run, with its real keytar message. */
function failure(run: ChildRun, index = 0): OpResult & { message: string } {
  const r = results(run)[index];
  expect(r?.ok, JSON.stringify(r)).toBe(false);
  return r as OpResult & { message: string };
}

function codeOf(message: string): SecretStoreErrorCode {
  return mapKeytarError(new Error(message)).code;
}

const service = (label: string) => `custodian-test-${label}-${randomUUID()}`;

// The same contract on the real keychain and on the memory store, so that unit tests using the
// memory store see the behaviour of the real thing.
describe.each([
  ['os-keychain', createKeytarStore],
  ['memory', createMemoryStore],
] as const)('SecretStore contract: %s', (kind, createStore) => {
  const store = createStore();
  const created: Array<[string, string]> = [];
  const set = async (svc: string, account: string, value: string) => {
    created.push([svc, account]);
    await store.set(svc, account, value);
  };

  beforeAll(async () => {
    await probeKeychain(store);
  });
  afterAll(async () => {
    for (const [svc, account] of created) await store.delete(svc, account);
  });

  it('reports its kind', () => {
    expect(store.kind).toBe(kind);
  });

  it('round-trips set, get, overwrite and delete', async () => {
    const svc = service('roundtrip');
    await set(svc, 'password', 'first value');
    expect(await store.get(svc, 'password')).toBe('first value');
    await store.set(svc, 'password', 'second value');
    expect(await store.get(svc, 'password')).toBe('second value');
    expect(await store.delete(svc, 'password')).toBe(true);
    expect(await store.get(svc, 'password')).toBeNull();
  });

  it('keeps unicode names and values intact', async () => {
    const svc = service('ünïcødé-学校');
    const value = 'pässwörd ✓ 🔐 学校 ‮ rtl\ttab\nnewline';
    await set(svc, 'compte-é-🔑', value);
    expect(await store.get(svc, 'compte-é-🔑')).toBe(value);
  });

  it('keeps a 2 KB value intact', async () => {
    const svc = service('large');
    const value = randomBytes(1024).toString('hex');
    expect(value).toHaveLength(2048);
    await set(svc, 'recovery-codes', value);
    expect(await store.get(svc, 'recovery-codes')).toBe(value);
  });

  it('keeps the same account in two services apart', async () => {
    const [a, b] = [service('vault-a'), service('vault-b')];
    await set(a, 'audit-mac-key', 'value of a');
    await set(b, 'audit-mac-key', 'value of b');
    expect(await store.get(a, 'audit-mac-key')).toBe('value of a');
    expect(await store.get(b, 'audit-mac-key')).toBe('value of b');
    expect(await store.delete(a, 'audit-mac-key')).toBe(true);
    expect(await store.get(a, 'audit-mac-key')).toBeNull();
    expect(await store.get(b, 'audit-mac-key')).toBe('value of b');
  });

  it('reports a missing entry as null and its delete as false', async () => {
    const svc = service('missing');
    expect(await store.get(svc, 'nothing-here')).toBeNull();
    expect(await store.delete(svc, 'nothing-here')).toBe(false);
  });

  it('refuses an empty value with keychain_error', async () => {
    const error = await store.set(service('empty'), 'password', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).code).toBe('keychain_error');
  });

  it('probes without leaving its entry behind', async () => {
    await probeKeychain(store);
    await probeKeychain(store);
  });
});

describe('mapKeytarError', () => {
  it.each([
    ['noBusUnset', 'keychain_unavailable', /no D-Bus session/],
    ['noBusSocket', 'keychain_unavailable', /D-Bus session .* not running/],
    ['busRefused', 'keychain_unavailable', /D-Bus session .* not running/],
    ['noDbusLaunch', 'keychain_unavailable', /no D-Bus session/],
    ['badAddress', 'keychain_unavailable', /address .* not valid/],
    ['noSecretService', 'keychain_unavailable', /no Secret Service/],
    ['noLoginKeyring', 'keychain_unavailable', /no default keyring/],
    ['locked', 'keychain_locked', /keychain is locked: unlock your login keyring/],
  ] as const)('maps %s to %s and names the cause', (key, code, cause) => {
    const mapped = mapKeytarError(new Error(OBSERVED[key]));
    expect(mapped).toBeInstanceOf(SecretStoreError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(cause);
    expect(mapped.message).toContain(OBSERVED[key]); // kept as a detail: it cannot hold a value
  });

  it('maps the macOS and GDBus variants', () => {
    expect(codeOf('User interaction is not allowed.')).toBe('keychain_locked');
    expect(codeOf('Cannot get secret of a locked object')).toBe('keychain_locked');
    expect(codeOf('User canceled the operation.')).toBe('keychain_locked');
    expect(codeOf('Timeout was reached')).toBe('keychain_timeout');
    expect(codeOf('something nobody has seen')).toBe('keychain_error');
    expect(mapKeytarError('a thrown string').message).toContain('a thrown string');
  });

  it('never repeats the value being written', () => {
    const secret = 'Tr0ub4dor&3-planted';
    for (const raw of [`Couldn't create item: ${secret}`, `${secret} is locked`]) {
      const mapped = mapKeytarError(new Error(raw), { secret });
      expect(mapped.message).not.toContain(secret);
      expect(mapped.message).toContain('[redacted]');
    }
  });

  it('passes a SecretStoreError through unchanged', () => {
    const original = new SecretStoreError('keychain_timeout', 'x');
    expect(mapKeytarError(original)).toBe(original);
  });
});

// The matrix drives D-Bus and GNOME Keyring directly: Linux only (macOS and Windows have neither).
describe.runIf(process.platform === 'linux')('keychain failures, each in a child process', () => {
  const raw = (ops: Op[]) => child('raw', ops);
  const probe = (timeoutMs = 3000) => child('store', [{ op: 'probe' }], timeoutMs);
  const entry = { service: 'custodian-test-child', account: 'password' };

  it('no D-Bus session, variable unset: keychain_unavailable at once', async () => {
    const rawRun = await runWithoutKeychain(raw([{ op: 'set', ...entry, value: 'x' }]), { bus: 'unset' });
    const r = failure(rawRun);
    expect(r.message).toBe(OBSERVED.noBusUnset);
    expect(codeOf(r.message)).toBe('keychain_unavailable');

    const storeRun = await runWithoutKeychain(probe(), { bus: 'unset' });
    const s = failure(storeRun);
    expect(s.code).toBe('keychain_unavailable');
    expect(s.message).toMatch(/not reachable: there is no D-Bus session/);
    expect(s.ms).toBeLessThan(1000);
  });

  it('D-Bus address naming a socket that is gone: keychain_unavailable at once', async () => {
    const rawRun = await runWithoutKeychain(raw([{ op: 'get', ...entry }, { op: 'set', ...entry, value: 'x' }, { op: 'delete', ...entry }]));
    for (const [i] of results(rawRun).entries()) {
      const r = failure(rawRun, i);
      expect(r.message).toBe(OBSERVED.noBusSocket);
      expect(codeOf(r.message)).toBe('keychain_unavailable');
    }

    const s = failure(await runWithoutKeychain(probe()));
    expect(s.code).toBe('keychain_unavailable');
    expect(s.message).toMatch(/not reachable: the D-Bus session .* is not running/);
    expect(s.ms).toBeLessThan(1000);
  });

  it('a D-Bus session without any Secret Service: keychain_unavailable', async () => {
    const r = failure(await runWithoutSecretService(raw([{ op: 'set', ...entry, value: 'x' }])));
    expect(r.message).toBe(OBSERVED.noSecretService);
    expect(codeOf(r.message)).toBe('keychain_unavailable');

    const s = failure(await runWithoutSecretService(probe()));
    expect(s.code).toBe('keychain_unavailable');
    expect(s.message).toMatch(/no Secret Service is running/);
  });

  it('GNOME Keyring started on demand with no login keyring: set fails, get and delete see nothing', async () => {
    const run = await runWithUnsetUpKeyring(raw([{ op: 'set', ...entry, value: 'x' }, { op: 'get', ...entry }, { op: 'delete', ...entry }]));
    const [set, get, del] = results(run);
    expect(set?.message).toBe(OBSERVED.noLoginKeyring);
    expect(codeOf(set!.message!)).toBe('keychain_unavailable');
    expect(get).toMatchObject({ ok: true, result: null });
    expect(del).toMatchObject({ ok: true, result: false });

    const s = failure(await runWithUnsetUpKeyring(probe()));
    expect(s.code).toBe('keychain_unavailable');
    expect(s.message).toMatch(/no default keyring/);
  });

  it('a bus that never answers: keytar blocks, the store gives keychain_timeout on time', async () => {
    const blocked = await runWithSilentKeychain(raw([{ op: 'get', ...entry }]), { timeoutMs: 3000 });
    expect(blocked.timedOut).toBe(true); // keytar alone would wait for minutes

    const run = await runWithSilentKeychain(probe(1000), { timeoutMs: 20_000 });
    const s = failure(run);
    expect(s.code).toBe('keychain_timeout');
    expect(s.message).toMatch(/did not answer within 1 s: it is probably locked/);
    expect(s.ms).toBeGreaterThanOrEqual(990);
    expect(s.ms).toBeLessThan(1000 + MARGIN_MS);
    // The call is still blocked in a worker thread, so process.exit() would hang: the child
    // saw it through pendingKeychainCalls() and ended itself with SIGKILL, promptly.
    expect(report(run).stuck).toBe(true);
    expect(run).toMatchObject({ timedOut: false, signal: 'SIGKILL' });
    expect(run.ms).toBeLessThan(10_000);
  });

  describe('a locked collection (keyring reopened with another password)', () => {
    let dataHome: string;
    const planted = `planted-${randomUUID()}`;
    beforeAll(async () => {
      dataHome = mkdtempSync(join(tmpdir(), 'custodian-locked-'));
      const first = await runInPrivateKeyring(raw([{ op: 'set', ...entry, value: planted }]), { password: 'first password', dataHome });
      expect(results(first)[0]).toMatchObject({ ok: true });
    });
    afterAll(() => rmSync(dataHome, { recursive: true, force: true }));

    it('set fails with the locked message while get and delete act as if it were empty', async () => {
      const run = await runInPrivateKeyring(raw([{ op: 'get', ...entry }, { op: 'set', ...entry, value: 'new' }, { op: 'delete', ...entry }]), {
        password: 'another password',
        dataHome,
      });
      const [get, set, del] = results(run);
      expect(get).toMatchObject({ ok: true, result: null }); // silent: why probeKeychain writes
      expect(set?.message).toBe(OBSERVED.locked);
      expect(codeOf(set!.message!)).toBe('keychain_locked');
      expect(del).toMatchObject({ ok: true, result: false });
    });

    it('the store reports keychain_locked within the timeout, naming the cause and not the value', async () => {
      const secret = `S3cret-${randomUUID()}`;
      const run = await runInPrivateKeyring(child('store', [{ op: 'probe' }, { op: 'set', ...entry, value: secret }], 3000), {
        password: 'another password',
        dataHome,
      });
      for (const [i] of results(run).entries()) {
        const s = failure(run, i);
        expect(s.code).toBe('keychain_locked');
        expect(s.message).toMatch(/keychain is locked: unlock your login keyring and try again/);
        expect(s.message).not.toContain(secret);
        expect(s.ms).toBeLessThan(3000 + MARGIN_MS);
      }
    });

    it('opens again with the right password, the entry intact', async () => {
      const run = await runInPrivateKeyring(raw([{ op: 'get', ...entry }]), { password: 'first password', dataHome });
      expect(results(run)[0]).toMatchObject({ ok: true, result: planted });
    });
  });

  it('an unlocked private keyring works through the store', async () => {
    const dataHome = mkdtempSync(join(tmpdir(), 'custodian-unlocked-'));
    try {
      const run = await runInPrivateKeyring(
        child('store', [{ op: 'probe' }, { op: 'set', ...entry, value: 'v1' }, { op: 'get', ...entry }, { op: 'delete', ...entry }, { op: 'get', ...entry }]),
        { password: 'only password', dataHome },
      );
      expect(results(run).map((r) => [r.op, r.ok, r.result])).toEqual([
        ['probe', true, null],
        ['set', true, null],
        ['get', true, 'v1'],
        ['delete', true, true],
        ['get', true, null],
      ]);
    } finally {
      rmSync(dataHome, { recursive: true, force: true });
    }
  });
});
