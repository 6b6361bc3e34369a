import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a command in a child process against a keychain of the test's choosing: a private
 * GNOME Keyring (unlocked, or locked by reusing its data dir with another password), no
 * D-Bus at all, a D-Bus without Secret Service, or a bus that never answers. The child is
 * the only way to get these: libsecret connects once per process.
 */

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The child was killed after timeoutMs. */
  timedOut: boolean;
}

interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Same script as scripts/with-keychain.mjs (PRIVATE_KEYRING_SCRIPT): keep the two in step. */
const PRIVATE_KEYRING_SCRIPT =
  'printf %s "$CUSTODIAN_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ' +
  'unset CUSTODIAN_KEYRING_PASSWORD; exec "$@"';

/**
 * The command line and environment of a private keyring session: a new D-Bus session whose
 * GNOME Keyring keeps its login keyring in `dataHome`, unlocked with `password` (created with
 * it when new). Reusing a dataHome with another password leaves the collection LOCKED.
 */
export function privateKeyringSession(
  command: string[],
  opts: { password: string; dataHome: string; runtimeDir: string; env?: NodeJS.ProcessEnv },
): { file: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    file: 'dbus-run-session',
    args: ['--', 'sh', '-c', PRIVATE_KEYRING_SCRIPT, 'sh', ...command],
    // Its own XDG_RUNTIME_DIR: gnome-keyring-daemon replaces the control socket of any
    // keyring daemon already using the directory (the one of `npm test`, for instance).
    env: { ...headless(opts.env), XDG_DATA_HOME: opts.dataHome, XDG_RUNTIME_DIR: opts.runtimeDir, CUSTODIAN_KEYRING_PASSWORD: opts.password },
  };
}

/** Runs `cmd` under a private keyring kept in `dataHome` (the caller creates and removes it). */
export async function runInPrivateKeyring(cmd: string[], opts: { password: string; dataHome: string } & RunOptions): Promise<ChildRun> {
  return withTempDir('custodian-rt-', (runtimeDir) => {
    const session = privateKeyringSession(cmd, { ...opts, runtimeDir });
    return runChild(session.file, session.args, session.env, opts.timeoutMs);
  });
}

/**
 * Runs `cmd` with no D-Bus session: by default DBUS_SESSION_BUS_ADDRESS names a socket that
 * does not exist (a session that ended); `bus: 'unset'` removes the variable instead (SSH, cron).
 */
export async function runWithoutKeychain(cmd: string[], opts: RunOptions & { bus?: 'missing-socket' | 'unset' } = {}): Promise<ChildRun> {
  const env = headless(opts.env);
  if (opts.bus === 'unset') delete env.DBUS_SESSION_BUS_ADDRESS;
  else env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(tmpdir(), `custodian-no-bus-${randomBytes(6).toString('hex')}`, 'bus')}`;
  return runChild(cmd[0]!, cmd.slice(1), env, opts.timeoutMs);
}

/** Runs `cmd` in a D-Bus session that can start no service at all, so no Secret Service. */
export async function runWithoutSecretService(cmd: string[], opts: RunOptions = {}): Promise<ChildRun> {
  return withTempDir('custodian-bus-', (dir) => {
    const config = join(dir, 'session.conf');
    // The stock session.conf minus <standard_session_servicedirs/>: nothing is activatable.
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
    );
    return runChild('dbus-run-session', [`--config-file=${config}`, '--', ...cmd], headless(opts.env), opts.timeoutMs);
  });
}

/**
 * Runs `cmd` in a plain D-Bus session where GNOME Keyring is started on demand but nobody
 * unlocked or created a login keyring (a headless machine with gnome-keyring installed).
 */
export async function runWithUnsetUpKeyring(cmd: string[], opts: RunOptions = {}): Promise<ChildRun> {
  return withTempDir('custodian-bare-', (dir) => {
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'runtime'), { mode: 0o700 });
    const env = { ...headless(opts.env), XDG_DATA_HOME: join(dir, 'data'), XDG_RUNTIME_DIR: join(dir, 'runtime') };
    return runChild('dbus-run-session', ['--', ...cmd], env, opts.timeoutMs);
  });
}

/**
 * Runs `cmd` against a D-Bus address whose socket accepts connections and never answers:
 * keytar blocks as it does on a keyring waiting for an unlock prompt nobody will see.
 */
export async function runWithSilentKeychain(cmd: string[], opts: RunOptions = {}): Promise<ChildRun> {
  return withTempDir('custodian-mute-', async (dir) => {
    const path = join(dir, 'bus');
    const held: Socket[] = [];
    const server = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
    try {
      const env = { ...headless(opts.env), DBUS_SESSION_BUS_ADDRESS: `unix:path=${path}` };
      return await runChild(cmd[0]!, cmd.slice(1), env, opts.timeoutMs);
    } finally {
      held.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });
}

/** No display: a keyring must never show a real unlock prompt on a developer's desktop. */
function headless(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DISPLAY;
  delete copy.WAYLAND_DISPLAY;
  return copy;
}

async function withTempDir<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/**
 * Spawns in a process group of its own, so that a timeout or the end of the run also stops
 * dbus-daemon and gnome-keyring-daemon (which daemonizes out of the child's tree).
 */
function runChild(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    let ms = 0;
    // A daemonized gnome-keyring-daemon inherits stderr: stop the group when the child exits,
    // so that 'close' (all output read) does not wait for the daemon to notice its bus is gone.
    child.on('exit', () => {
      ms = Math.round(performance.now() - started);
      killGroup('SIGTERM');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms, timedOut });
    });
  });
}
