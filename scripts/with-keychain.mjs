#!/usr/bin/env node
/**
 * node scripts/with-keychain.mjs <command...>
 *
 * Runs <command> where the real OS keychain works, so integration tests never need a fake:
 * - if the current Secret Service is reachable and usable (a keytar set/get/delete of a
 *   throwaway entry succeeds within 3 s), the command just runs here;
 * - otherwise (CI, containers, SSH, a locked login keyring) it runs inside a private D-Bus
 *   session with a fresh GNOME Keyring unlocked by a random password, in a temp dir removed
 *   at the end. Set CUSTODIAN_PRIVATE_KEYRING=1 to always do this (keeps test entries out of
 *   your own keyring).
 * There is no fallback to a fake store: without dbus-run-session and gnome-keyring-daemon it
 * stops with exit code 1.
 *
 * tests/support/keyring-session.ts builds the same private session for tests; keep the two
 * privateKeyring* builders in step.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const PROBE_TIMEOUT_MS = 3000;
const TAG = 'with-keychain:';

/**
 * `sh -c` script run inside dbus-run-session: unlock (creating it if needed) the login keyring
 * of $XDG_DATA_HOME with the password from the environment, then become the command. The
 * password travels in the environment rather than argv so it does not show in `ps`.
 */
const PRIVATE_KEYRING_SCRIPT =
  'printf %s "$CUSTODIAN_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
  'unset CUSTODIAN_KEYRING_PASSWORD; exec "$@"';

/** The argv (after `dbus-run-session`) and environment of a private keyring session. */
function privateKeyringSession(command, { password, dataHome, runtimeDir, env }) {
  return {
    file: 'dbus-run-session',
    args: ['--', 'sh', '-c', PRIVATE_KEYRING_SCRIPT, 'sh', ...command],
    // A fresh XDG_DATA_HOME: a login keyring left by an earlier run with another password
    // would stay locked. A fresh XDG_RUNTIME_DIR: gnome-keyring-daemon puts its control socket
    // there and would replace the one of a keyring daemon already using it (the user's own).
    env: { ...env, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir, CUSTODIAN_KEYRING_PASSWORD: password },
  };
}

/** Runs in a child so that a keychain blocked on an unlock prompt can be killed. */
const PROBE_SCRIPT = `
const keytar = require(process.argv[1]);
const service = 'custodian-probe', account = 'with-keychain-' + process.pid + '-' + Date.now();
const value = require('node:crypto').randomBytes(16).toString('hex');
(async () => {
  await keytar.setPassword(service, account, value);
  const back = await keytar.getPassword(service, account);
  const removed = await keytar.deletePassword(service, account);
  if (back !== value || !removed) throw new Error('the test entry did not round-trip');
})().then(() => process.exit(0), (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

function probeSecretService() {
  const keytarPath = createRequire(import.meta.url).resolve('keytar');
  const result = spawnSync(process.execPath, ['-e', PROBE_SCRIPT, keytarPath], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status === 0) return { ok: true };
  if (result.error?.code === 'ETIMEDOUT') return { ok: false, reason: `no answer within ${PROBE_TIMEOUT_MS / 1000} s` };
  if (result.signal) return { ok: false, reason: `the probe died with ${result.signal}` };
  return { ok: false, reason: result.stderr.trim() || `the probe exited with code ${result.status}` };
}

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The processes dbus-run-session runs besides its dbus-daemon: the command (Linux /proc). */
function sessionCommandPids(sessionPid) {
  try {
    const children = readFileSync(`/proc/${sessionPid}/task/${sessionPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.map(Number).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'dbus-daemon';
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}

function kill(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs the command, forwards signals, then cleans up and exits with the command's status. */
function run({ file, args, env, ownGroup, stdin, cleanup }) {
  // In a private session the command, dbus-daemon and gnome-keyring-daemon (which daemonizes)
  // share a new process group, so that none of them is left behind. A background group must
  // not read the terminal, hence no stdin there (`vitest run` needs none).
  const child = spawn(file, args, { env, stdio: [stdin, 'inherit', 'inherit'], detached: ownGroup });
  let signals = 0;
  const forward = (signal) => {
    if (!ownGroup) return void kill(child.pid, signal);
    // A second signal means "now": kill everything. The first goes to the command only, so it
    // can shut down with its bus still up and dbus-run-session reports its exit status.
    if (++signals > 1) return void kill(-child.pid, 'SIGKILL');
    const pids = sessionCommandPids(child.pid);
    if (pids.length === 0) return void kill(-child.pid, signal);
    for (const pid of pids) kill(pid, signal);
  };
  const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of forwarded) process.on(signal, forward);

  child.on('error', (error) => {
    process.stderr.write(`${TAG} cannot start ${file}: ${error.message}\n`);
    cleanup();
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    if (ownGroup) kill(-child.pid, 'SIGTERM'); // stragglers, e.g. a keyring daemon still shutting down
    cleanup();
    if (signal) {
      for (const s of forwarded) process.off(s, forward);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

function main() {
  const command = process.argv.slice(2);
  if (command.length === 0) {
    process.stderr.write('usage: node scripts/with-keychain.mjs <command...>\n');
    process.exit(2);
  }

  const forcePrivate = process.env.CUSTODIAN_PRIVATE_KEYRING === '1';
  const probe = forcePrivate ? { ok: false, reason: 'CUSTODIAN_PRIVATE_KEYRING=1' } : probeSecretService();
  if (probe.ok) {
    process.stderr.write(`${TAG} using the session's Secret Service (it answered a test write)\n`);
    run({ file: command[0], args: command.slice(1), env: process.env, ownGroup: false, stdin: 'inherit', cleanup: () => {} });
    return;
  }

  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    process.stderr.write(
      `${TAG} no usable Secret Service (${probe.reason}) and cannot start a private one: ${missing.join(' and ')} not found.\n` +
        `${TAG} install the Debian packages dbus and gnome-keyring (apt-get install dbus gnome-keyring). Tests never fall back to a fake keychain.\n`,
    );
    process.exit(1);
  }

  const root = mkdtempSync(join(tmpdir(), 'custodian-keyring-'));
  const dataHome = join(root, 'data');
  const runtimeDir = join(root, 'runtime');
  mkdirSync(dataHome, { mode: 0o700 });
  mkdirSync(runtimeDir, { mode: 0o700 });
  const session = privateKeyringSession(command, {
    password: randomBytes(18).toString('base64url'),
    dataHome,
    runtimeDir,
    env: process.env,
  });
  process.stderr.write(`${TAG} no usable Secret Service (${probe.reason}); running in a private D-Bus session with a fresh GNOME Keyring in ${root}\n`);
  run({
    ...session,
    ownGroup: true,
    stdin: 'ignore',
    cleanup: () => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
  });
}

main();
