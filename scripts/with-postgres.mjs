#!/usr/bin/env node
/**
 * node scripts/with-postgres.mjs <command...>
 *
 * Runs <command> beside a real PostgreSQL (Debian's `postgresql` package), started for it and
 * removed after it, so the PostgreSQL half of the tests never needs a fake (a twin of
 * with-keychain.mjs):
 * - a throwaway cluster in a private temp dir: initdb as the `postgres` OS user when run as root
 *   (initdb refuses root), socket only (listen_addresses=''), trust on that private socket, and
 *   fsync, synchronous_commit and full_page_writes off: test data need not survive a crash;
 * - two roles as on a trust's server: custodian_owner (runs migrations, owns the schema) and
 *   custodian_app (reads and writes rows; no ALTER, DROP, TRUNCATE, nor triggers to disable);
 * - custodian_template, migrated once with migrations/postgres/ by the core's own migrator; each
 *   test file clones it (tests/support/postgres-db.ts: CREATE DATABASE … TEMPLATE).
 * The command gets CUSTODIAN_TEST_PG_HOST (the socket dir), CUSTODIAN_TEST_PG_PORT,
 * CUSTODIAN_TEST_PG_TEMPLATE, CUSTODIAN_TEST_PG_SUPERUSER, CUSTODIAN_TEST_PG_OWNER and
 * CUSTODIAN_TEST_PG_APP. Without PostgreSQL installed it says so in one line and runs the command
 * alone (the PostgreSQL tests then skip), unless CUSTODIAN_REQUIRE_POSTGRES=1 (CI): then it fails.
 * CUSTODIAN_PG_BINDIR names another PostgreSQL's bin directory; CUSTODIAN_PG_DURABLE=1 leaves fsync,
 * synchronous_commit and full_page_writes on (the bench measures a server as a trust would run it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const TAG = 'with-postgres:';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 5432; // the socket file's name only (.s.PGSQL.5432): nothing listens on TCP
const SUPERUSER = 'postgres';
const OWNER = 'custodian_owner';
const APP = 'custodian_app';
const TEMPLATE = 'custodian_template';
const INITDB_ARGS = ['-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'];
const CACHE = join(REPO, 'node_modules', '.cache', 'custodian-postgres');
/** CUSTODIAN_PG_DURABLE=1 (npm run bench) keeps fsync and synchronous commits on, as a trust's server runs. */
const DURABLE = process.env.CUSTODIAN_PG_DURABLE === '1';

function fail(message) {
  process.stderr.write(`${TAG} ${message}\n`);
  process.exit(1);
}

/** CUSTODIAN_PG_BINDIR, else Debian's newest /usr/lib/postgresql/<major>/bin, else pg_config's. */
function findBinDir() {
  const given = process.env.CUSTODIAN_PG_BINDIR;
  if (given) return existsSync(join(given, 'initdb')) ? given : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    const found = majors.map((v) => join(debian, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
    if (found) return found;
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : null;
}

/** initdb and postgres refuse root: as root they run as the `postgres` OS user. */
function runAs() {
  if (process.getuid?.() !== 0) return { wrap: (file, args) => [file, args], uid: null, gid: null };
  const uid = spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' });
  if (uid.status !== 0) fail(`running as root needs the ${SUPERUSER} OS user (Debian's postgresql package makes it) to run initdb and postgres.`);
  return { wrap: (file, args) => ['runuser', ['-u', SUPERUSER, '--', file, ...args]], uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/** Runs a command; rejects with its output and the server log's tail. */
function runCommand(file, argv, root) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(file, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolveRun();
      const log = join(root, 'postgres.log');
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      reject(new Error(`${file} ${argv[0]} failed (exit ${code}): ${output.trim()}\n${tail}`));
    });
  });
}

/** A PostgreSQL tool, as `postgres` when root. */
function runTool(user, bin, tool, args, root) {
  const [file, argv] = user.wrap(join(bin, tool), args);
  return runCommand(file, argv, root);
}

async function connect(socketDir, user, database) {
  const client = new pg.Client({ host: socketDir, port: PORT, user, database });
  await client.connect();
  return client;
}

/** The core's migrator: TypeScript, with the SQL files inlined by Vite's import.meta.glob. */
async function loadMigrator() {
  const { runnerImport } = await import('vite');
  const load = async (path) => (await runnerImport(join(REPO, path), { configFile: false, root: REPO, logLevel: 'silent' })).module;
  const [{ migratePostgres }, { bundledMigrations }] = await Promise.all([
    load('electron/core/db/postgres-migrator.ts'),
    load('electron/core/db/migrations.ts'),
  ]);
  return { migratePostgres, migrations: bundledMigrations('postgres') };
}

/**
 * initdb's output depends only on the PostgreSQL build and INITDB_ARGS, and it is most of the
 * start-up: the first run keeps a pristine copy under node_modules/.cache, later runs copy it
 * (cp -a keeps the owner, postgres, and the 0700 mode PostgreSQL insists on).
 */
async function freshCluster(user, bin, data, root) {
  const version = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  const cached = join(CACHE, createHash('sha256').update(`${version}\n${INITDB_ARGS.join(' ')}`).digest('hex').slice(0, 16));
  if (existsSync(join(cached, 'PG_VERSION'))) {
    // A copy that fails (a cache another OS user made, unreadable here) falls back to initdb.
    const copied = await runCommand('cp', ['-a', cached, data], root).then(() => true, () => false);
    if (copied) return 'copied';
    rmSync(data, { recursive: true, force: true });
    await runTool(user, bin, 'initdb', ['-D', data, ...INITDB_ARGS], root);
    return 'initdb';
  }
  await runTool(user, bin, 'initdb', ['-D', data, ...INITDB_ARGS], root);
  // Into the cache under a temp name, then one rename: another run filling it at once is harmless.
  mkdirSync(CACHE, { recursive: true });
  const staging = mkdtempSync(join(CACHE, 'staging-'));
  await runCommand('cp', ['-a', data, join(staging, 'data')], root);
  try {
    renameSync(join(staging, 'data'), cached);
  } catch {
    // Another run got there first.
  }
  rmSync(staging, { recursive: true, force: true });
  return 'initdb';
}

async function setUp(bin, root, user) {
  const data = join(root, 'data');
  const socketDir = join(root, 'socket');
  const seconds = (from) => ((performance.now() - from) / 1000).toFixed(2);
  let at = performance.now();
  // The cluster (a child process) and loading the migrator (this process) overlap.
  const [migrator, how] = await Promise.all([loadMigrator(), freshCluster(user, bin, data, root)]);
  const cluster = `${how} and loading the migrator ${seconds(at)} s`;
  mkdirSync(socketDir, { mode: 0o700 });
  if (user.uid !== null) chownSync(socketDir, user.uid, user.gid);
  // Only the private socket, trusted: whoever can reach the socket dir is this test run.
  writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\n');
  appendFileSync(
    join(data, 'postgresql.conf'),
    `\nlisten_addresses = ''\nunix_socket_directories = '${socketDir}'\nport = ${PORT}\n` +
      (DURABLE ? '' : 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'),
  );
  at = performance.now();
  await runTool(user, bin, 'pg_ctl', ['start', '-D', data, '-w', '-s', '-l', join(root, 'postgres.log')], root);
  const start = seconds(at);

  at = performance.now();
  const admin = await connect(socketDir, SUPERUSER, 'postgres');
  try {
    for (const role of [OWNER, APP]) await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
    await admin.query(`CREATE DATABASE ${TEMPLATE} OWNER ${OWNER} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    const owner = await connect(socketDir, OWNER, TEMPLATE);
    const { applied } = await migrator.migratePostgres(owner, migrator.migrations, { now: new Date() }).finally(() => owner.end());
    // No test may connect to the template: a connection there would make every clone fail.
    await admin.query(`ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    process.stderr.write(
      `${TAG} PostgreSQL in ${root}: cluster ${cluster}, start ${start} s, ` +
        `template (migrations ${applied.join(', ')}) ${seconds(at)} s\n`,
    );
  } finally {
    await admin.end();
  }
  return socketDir;
}

/** Stops PostgreSQL at once (its data is thrown away) and removes the temp dir. Synchronous: it runs on exit. */
function tearDown(bin, root, user) {
  if (existsSync(join(root, 'data', 'postmaster.pid'))) {
    const [file, argv] = user.wrap(join(bin, 'pg_ctl'), ['stop', '-D', join(root, 'data'), '-m', 'immediate', '-w', '-s']);
    const stopped = spawnSync(file, argv, { cwd: root, encoding: 'utf8' });
    if (stopped.status !== 0) process.stderr.write(`${TAG} could not stop PostgreSQL: ${(stopped.stderr || stopped.stdout).trim()}\n`);
  }
  rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** Runs the command, forwards signals, then cleans up and exits with the command's status. */
function run(command, env, cleanup) {
  const child = spawn(command[0], command.slice(1), { env, stdio: 'inherit' });
  const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of forwarded) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`${TAG} cannot start ${command[0]}: ${error.message}\n`);
    cleanup();
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    cleanup();
    if (signal) {
      for (const s of forwarded) process.off(s, forward);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

async function main() {
  const command = process.argv.slice(2);
  if (command.length === 0) fail('usage: node scripts/with-postgres.mjs <command...>');
  if (process.env.CUSTODIAN_TEST_PG_HOST) return run(command, process.env, () => {}); // already inside one

  const bin = findBinDir();
  if (bin === null) {
    const where = process.env.CUSTODIAN_PG_BINDIR ? `CUSTODIAN_PG_BINDIR=${process.env.CUSTODIAN_PG_BINDIR}` : '/usr/lib/postgresql/*/bin nor from pg_config';
    const message = `PostgreSQL is not installed (no initdb in ${where}): apt-get install postgresql`;
    if (process.env.CUSTODIAN_REQUIRE_POSTGRES === '1') fail(`${message}. CUSTODIAN_REQUIRE_POSTGRES=1, so the tests do not run without it.`);
    process.stderr.write(`${TAG} !!! ${message}. THE POSTGRESQL TESTS ARE SKIPPED. !!!\n`);
    return run(command, process.env, () => {});
  }

  const user = runAs();
  const root = mkdtempSync(join(tmpdir(), 'custodian-pg-'));
  if (user.uid !== null) chownSync(root, user.uid, user.gid);
  const cleanup = () => tearDown(bin, root, user);
  let socketDir;
  try {
    socketDir = await setUp(bin, root, user);
  } catch (error) {
    cleanup();
    fail(`could not start PostgreSQL: ${error.message}`);
  }
  run(command, {
    ...process.env,
    CUSTODIAN_TEST_PG_HOST: socketDir,
    CUSTODIAN_TEST_PG_PORT: String(PORT),
    CUSTODIAN_TEST_PG_TEMPLATE: TEMPLATE,
    CUSTODIAN_TEST_PG_SUPERUSER: SUPERUSER,
    CUSTODIAN_TEST_PG_OWNER: OWNER,
    CUSTODIAN_TEST_PG_APP: APP,
  }, cleanup);
}

await main();
