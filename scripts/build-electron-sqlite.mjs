#!/usr/bin/env node
/**
 * Builds (or fetches) better-sqlite3 for the installed Electron's ABI into build/electron/,
 * apart from node_modules/better-sqlite3, whose Node build the CLI and the tests keep using.
 * The desktop app loads this file through better-sqlite3's nativeBinding option
 * (electron/main/native-binding.ts); electron-builder ships the folder as extraResources.
 *
 *   node scripts/build-electron-sqlite.mjs [--force] [--strict] [--arch=ARCH]
 *
 * How: copy node_modules/better-sqlite3 (without its build/) to a temporary folder, then
 *   1. prebuild-install --runtime=electron --target=<electron version>: the project's own
 *      prebuilt binary from its GitHub release (cached in ~/.npm/_prebuilds), else
 *   2. node-gyp rebuild --target=<electron version> --dist-url=https://electronjs.org/headers
 *      with Electron's headers kept in ~/.electron-gyp (needs Python and a C++20 compiler);
 * check that the result exports node_register_module_v<Electron ABI>, and move it into place
 * with a stamp (better_sqlite3.json) so a later run with nothing changed is a no-op.
 *
 * Skips with a clear message, exit 0, when ELECTRON_SKIP_BINARY_DOWNLOAD=1 (a machine that
 * does not run Electron) or when there is no network and nothing cached. --strict (used for
 * packaging) turns a skip into exit 1: an installer without this file cannot open its vault.
 *
 * For checking this script where Electron cannot run: --runtime=node --target=<node version>
 * [--nodedir=DIR] --out=DIR builds the same way for Node, whose result can be loaded.
 * docs/native-modules.md has the whole story.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Keep in step with electron/main/native-binding.ts and electron-builder.yml (a unit test checks). */
export const OUT_DIR = 'build/electron';
export const BINDING_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'better_sqlite3.json';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Exit codes: 0 built, up to date or skipped; 1 failed (or skipped under --strict). */
export function parseArgs(argv) {
  const options = { force: false, strict: false, arch: process.arch, runtime: 'electron', target: undefined, nodedir: undefined, out: undefined, help: false };
  for (const arg of argv) {
    const [name, ...rest] = arg.split('=');
    const value = rest.join('=');
    switch (name) {
      case '--force': options.force = true; break;
      case '--strict': options.strict = true; break;
      case '--help': case '-h': options.help = true; break;
      case '--arch': options.arch = value; break;
      case '--runtime': options.runtime = value; break;
      case '--target': options.target = value; break;
      case '--nodedir': options.nodedir = value; break;
      case '--out': options.out = value; break;
      default: throw new Error(`Unknown option ${arg} (see --help).`);
    }
  }
  if (!['electron', 'node'].includes(options.runtime)) throw new Error('--runtime must be electron or node.');
  if (!/^[a-z0-9]+$/.test(options.arch)) throw new Error('--arch must be an architecture name such as x64 or arm64.');
  if (options.target !== undefined && !/^v?\d+\.\d+\.\d+([-.][0-9A-Za-z.-]+)?$/.test(options.target)) throw new Error('--target must be a version such as 45.4.1.');
  return options;
}

function truthy(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Why this run should not build at all, or null. */
export function skipReason(env, options) {
  if (options.runtime === 'electron' && truthy(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set: this machine does not run Electron, so the Electron build of better-sqlite3 is not needed here (the CLI and the tests use the Node build in node_modules).';
  }
  return null;
}

/**
 * The environment for prebuild-install and node-gyp. When run through npm, npm exports the
 * user's config as npm_config_* (this project's CI sets nodedir=/usr, for instance); node-gyp
 * and prebuild-install read those, and a Node nodedir or target would quietly produce a Node
 * build. Everything that picks the runtime, version, headers or architecture is removed; the
 * command line says it explicitly.
 */
export function childEnv(env) {
  const drop = /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|devdir|build_from_source|platform|libc)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !drop.test(key)));
}

export function abiSymbol(abi) {
  return `node_register_module_v${abi}`;
}

/** Does the addon at file register itself for this ABI (its exported entry point's name)? */
export function hasAbiSymbol(file, abi) {
  try {
    return readFileSync(file).includes(abiSymbol(abi));
  } catch {
    return false;
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** What to build for: the installed Electron (version, ABI) or, for the self-check, this Node. */
export function resolveTarget(root, options) {
  if (options.runtime === 'node') {
    const version = (options.target ?? process.version).replace(/^v/, '');
    const abi = options.target === undefined || version === process.versions.node ? process.versions.modules : undefined;
    if (abi === undefined) throw new Error('--runtime=node builds only for the running Node (omit --target or pass its version).');
    return { runtime: 'node', version, abi };
  }
  const electronDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(electronDir, 'package.json'))) throw new Error('node_modules/electron is not installed: run npm ci first.');
  const version = (options.target ?? readJson(path.join(electronDir, 'package.json')).version).replace(/^v/, '');
  let abi;
  const abiFile = path.join(electronDir, 'abi_version');
  if (options.target === undefined && existsSync(abiFile)) abi = readFileSync(abiFile, 'utf8').trim();
  if (abi === undefined) {
    const require = createRequire(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'));
    abi = require('node-abi').getAbi(version, 'electron');
  }
  if (!/^\d+$/.test(abi)) throw new Error(`Could not tell the ABI of Electron ${version}.`);
  return { runtime: 'electron', version, abi };
}

export function stampFor(packageVersion, target, arch) {
  return { betterSqlite3: packageVersion, runtime: target.runtime, version: target.version, abi: target.abi, platform: process.platform, arch };
}

function sameStamp(file, stamp) {
  try {
    const saved = readJson(file);
    return Object.entries(stamp).every(([key, value]) => saved[key] === value);
  } catch {
    return false;
  }
}

function run(command, args, cwd, env) {
  console.log(`> ${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit', timeout: 30 * 60 * 1000 });
  if (result.error) console.log(`  (${result.error.message})`);
  return result.status === 0;
}

/** The arguments for each way of getting the binary, exported for the unit test. */
export function prebuildArgs(target, arch) {
  return [`--runtime=${target.runtime}`, `--target=${target.version}`, `--arch=${arch}`, '--verbose'];
}

export function nodeGypArgs(target, arch, options = {}) {
  const args = ['rebuild', '--release', `--target=${target.version}`, `--arch=${arch}`];
  if (target.runtime === 'electron') {
    // Electron's headers, in a folder of their own so they never mix with Node's.
    args.push(`--dist-url=${ELECTRON_HEADERS_URL}`, `--devdir=${path.join(homedir(), '.electron-gyp')}`);
  } else if (options.nodedir !== undefined) {
    args.push(`--nodedir=${options.nodedir}`);
  }
  return args;
}

async function online() {
  if (process.env.HTTPS_PROXY || process.env.https_proxy) return true; // cannot tell; assume so
  const reachable = await Promise.all(
    ['github.com', 'electronjs.org'].map((host) =>
      Promise.race([lookup(host).then(() => true, () => false), new Promise((resolve) => setTimeout(() => resolve(false), 5000))]),
    ),
  );
  return reachable.some(Boolean);
}

function skip(message, options) {
  console.log(`build-electron-sqlite: skipped. ${message}`);
  if (options.strict) {
    console.log('build-electron-sqlite: --strict: failing, because a package without this file cannot open its vault.');
    return 1;
  }
  console.log('build-electron-sqlite: the desktop app (npm start, npm run dist) needs it; run this again where it can build (docs/native-modules.md).');
  return 0;
}

export async function main(argv = process.argv.slice(2), env = process.env, root = ROOT) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`build-electron-sqlite: ${error.message}`);
    return 1;
  }
  if (options.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
    return 0;
  }
  const reason = skipReason(env, options);
  if (reason !== null) return skip(reason, options);

  const packageDir = path.join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    console.error('build-electron-sqlite: node_modules/better-sqlite3 is not installed: run npm ci first.');
    return 1;
  }
  let target;
  try {
    target = resolveTarget(root, options);
  } catch (error) {
    console.error(`build-electron-sqlite: ${error.message}`);
    return 1;
  }
  const packageVersion = readJson(path.join(packageDir, 'package.json')).version;
  const outDir = path.resolve(root, options.out ?? OUT_DIR);
  const outFile = path.join(outDir, BINDING_FILE);
  const stampFile = path.join(outDir, STAMP_FILE);
  const stamp = stampFor(packageVersion, target, options.arch);
  const what = `better-sqlite3 ${packageVersion} for ${target.runtime} ${target.version} (ABI ${target.abi}, ${process.platform}-${options.arch})`;

  if (!options.force && sameStamp(stampFile, stamp) && hasAbiSymbol(outFile, target.abi)) {
    console.log(`build-electron-sqlite: ${path.relative(root, outFile)} is up to date: ${what}.`);
    return 0;
  }
  console.log(`build-electron-sqlite: building ${what}.`);

  // A private copy: node_modules/better-sqlite3/build (the Node build) is never touched.
  const work = mkdtempSync(path.join(tmpdir(), 'custodian-electron-sqlite-'));
  try {
    const workPackage = path.join(work, 'better-sqlite3');
    cpSync(packageDir, workPackage, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(packageDir, source);
        return relative !== 'build' && !relative.startsWith(`build${path.sep}`) && relative !== 'node_modules' && !relative.startsWith(`node_modules${path.sep}`);
      },
    });
    const built = path.join(workPackage, 'build', 'Release', BINDING_FILE);
    const require = createRequire(path.join(packageDir, 'package.json'));
    const childEnvironment = childEnv(env);

    let method = null;
    let prebuildBin = null;
    try {
      prebuildBin = require.resolve('prebuild-install/bin.js');
    } catch {
      console.log('build-electron-sqlite: prebuild-install is not installed; building from source.');
    }
    if (prebuildBin !== null && run(process.execPath, [prebuildBin, ...prebuildArgs(target, options.arch)], workPackage, childEnvironment) && existsSync(built)) {
      method = 'prebuild-install';
    }
    if (method === null) {
      let gypBin = null;
      try {
        gypBin = createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
      } catch {
        console.log('build-electron-sqlite: node-gyp is not installed.');
      }
      if (gypBin !== null) {
        rmSync(path.join(workPackage, 'build'), { recursive: true, force: true });
        if (run(process.execPath, [gypBin, ...nodeGypArgs(target, options.arch, options)], workPackage, childEnvironment) && existsSync(built)) {
          method = 'node-gyp';
        }
      }
    }
    if (method === null) {
      if (!(await online())) return skip('There is no network (github.com and electronjs.org do not resolve) and nothing is cached.', options);
      console.error(`build-electron-sqlite: could not get ${what}: neither a prebuilt binary nor a build from source worked (see the output above; building needs Python 3 and a C++20 compiler).`);
      return 1;
    }
    if (!hasAbiSymbol(built, target.abi)) {
      console.error(`build-electron-sqlite: the ${method} result does not export ${abiSymbol(target.abi)}: it was not built for ${target.runtime} ${target.version}. Nothing was installed.`);
      return 1;
    }
    mkdirSync(outDir, { recursive: true });
    const temporary = `${outFile}.tmp-${process.pid}`;
    cpSync(built, temporary);
    renameSync(temporary, outFile);
    writeFileSync(stampFile, `${JSON.stringify({ ...stamp, method, builtAt: new Date().toISOString() }, null, 2)}\n`);
    console.log(`build-electron-sqlite: installed ${path.relative(root, outFile)} (${method}): ${what}.`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
