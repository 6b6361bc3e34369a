import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abiSymbol,
  CHECKOUT_BINDING_DIR,
  checkNativeBinding,
  ELECTRON_SQLITE_FILE,
  electronSqliteBindingPath,
  PACKAGED_BINDING_DIR,
} from '../../electron/main/native-binding';

const root = path.resolve(import.meta.dirname, '../..');
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

interface Target {
  runtime: string;
  version: string;
  abi: string;
}
/** scripts/build-electron-sqlite.mjs, loaded by URL (a plain .mjs script has no type declarations). */
interface BuildScript {
  OUT_DIR: string;
  BINDING_FILE: string;
  ELECTRON_HEADERS_URL: string;
  parseArgs(argv: string[]): { runtime: string; strict: boolean; force: boolean; arch: string; nodedir?: string };
  skipReason(env: Record<string, string | undefined>, options: { runtime: string }): string | null;
  childEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
  hasAbiSymbol(file: string, abi: string): boolean;
  resolveTarget(root: string, options: { runtime: string; target?: string }): Target;
  prebuildArgs(target: Target, arch: string): string[];
  nodeGypArgs(target: Target, arch: string, options?: { nodedir?: string }): string[];
  main(argv: string[], env: Record<string, string | undefined>, root?: string): Promise<number>;
}
const scriptUrl = pathToFileURL(path.join(root, 'scripts', 'build-electron-sqlite.mjs')).href;
const script = (await import(scriptUrl)) as BuildScript;

describe('where the app finds its Electron build of better-sqlite3', () => {
  it('in a checkout: build/electron/better_sqlite3.node under the project', () => {
    expect(electronSqliteBindingPath({ isPackaged: false, resourcesPath: '/usr/lib/electron/resources', appPath: '/src/custodian' })).toBe(
      '/src/custodian/build/electron/better_sqlite3.node',
    );
  });

  it('packaged: resources/electron/better_sqlite3.node, outside the asar', () => {
    expect(electronSqliteBindingPath({ isPackaged: true, resourcesPath: '/opt/Custodian/resources', appPath: '/opt/Custodian/resources/app.asar' })).toBe(
      '/opt/Custodian/resources/electron/better_sqlite3.node',
    );
  });

  it('the script, electron-builder.yml and main agree on the folder and the file name', () => {
    expect(script.OUT_DIR).toBe(CHECKOUT_BINDING_DIR);
    expect(script.BINDING_FILE).toBe(ELECTRON_SQLITE_FILE);
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(new RegExp(`extraResources:\\s*\\n\\s*- from: ${CHECKOUT_BINDING_DIR}\\s*\\n\\s*to: ${PACKAGED_BINDING_DIR}\\s*\\n\\s*filter:\\s*\\n\\s*- ${ELECTRON_SQLITE_FILE.replace('.', '\\.')}`));
    // The default rebuild would overwrite node_modules' Node build (npm test, the CLI).
    expect(yml).toMatch(/^npmRebuild: false$/m);
    expect(yml).toMatch(/"!node_modules\/better-sqlite3\/build\/\*\*"/);
  });
});

describe('checking the binding before the core opens the database', () => {
  const read = (content: string | null) => ({
    readFile: () => {
      if (content === null) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return Buffer.from(content);
    },
  });

  it('a missing file in a checkout says which command builds it', () => {
    const check = checkNativeBinding('/src/custodian/build/electron/better_sqlite3.node', '150', { isPackaged: false }, read(null));
    expect(check).toEqual({ ok: false, message: expect.stringContaining('npm run build:electron-sqlite') });
    expect(check.ok ? '' : check.message).toContain('/src/custodian/build/electron/better_sqlite3.node');
  });

  it('a missing file in an installed app says to reinstall', () => {
    expect(checkNativeBinding('/opt/x', '150', { isPackaged: true }, read(null))).toEqual({ ok: false, message: expect.stringContaining('Reinstall Custodian') });
  });

  it('accepts a build for this ABI and refuses one for another', () => {
    expect(checkNativeBinding('/b.node', '150', { isPackaged: false }, read(`\0${abiSymbol(150)}\0`))).toEqual({ ok: true, path: '/b.node' });
    expect(checkNativeBinding('/b.node', '150', { isPackaged: false }, read(`\0${abiSymbol(115)}\0`))).toEqual({
      ok: false,
      message: expect.stringContaining('not built for this Electron (ABI 150)'),
    });
  });

  it("tells node_modules' real Node build from an Electron build by its entry point", () => {
    const real = { readFile: (file: string) => readFileSync(file) };
    expect(checkNativeBinding(nodeBuild, process.versions.modules, { isPackaged: false }, real)).toEqual({ ok: true, path: nodeBuild });
    expect(checkNativeBinding(nodeBuild, '150', { isPackaged: false }, real).ok).toBe(false);
    expect(script.hasAbiSymbol(nodeBuild, process.versions.modules)).toBe(true);
    expect(script.hasAbiSymbol(nodeBuild, '150')).toBe(false);
    expect(script.hasAbiSymbol('/no/such/file.node', '150')).toBe(false);
  });
});

describe('scripts/build-electron-sqlite.mjs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('targets the installed Electron (version from node_modules/electron, ABI from its abi_version)', () => {
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    const target = script.resolveTarget(root, script.parseArgs([]));
    expect(target).toEqual({ runtime: 'electron', version: installed.version, abi: readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim() });
    expect(target.abi).toMatch(/^\d+$/);
  });

  it('fetches with prebuild-install for the electron runtime, or builds against Electron headers kept apart', () => {
    const target = { runtime: 'electron', version: '45.4.1', abi: '150' };
    expect(script.prebuildArgs(target, 'x64')).toEqual(['--runtime=electron', '--target=45.4.1', '--arch=x64', '--verbose']);
    const gyp = script.nodeGypArgs(target, 'arm64', { nodedir: '/usr' });
    expect(gyp).toEqual(expect.arrayContaining(['rebuild', '--release', '--target=45.4.1', '--arch=arm64', `--dist-url=${script.ELECTRON_HEADERS_URL}`]));
    expect(script.ELECTRON_HEADERS_URL).toBe('https://electronjs.org/headers');
    expect(gyp.some((arg) => arg.startsWith('--devdir=') && arg.endsWith('.electron-gyp'))).toBe(true);
    // Node headers (a nodedir) would quietly produce a Node build.
    expect(gyp.some((arg) => arg.startsWith('--nodedir'))).toBe(false);
  });

  it("removes npm's runtime and header settings from the children's environment", () => {
    const env = script.childEnv({
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_nodedir: '/usr',
      npm_config_target: '20.20.2',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_arch: 'ia32',
      npm_config_build_from_source: 'true',
      npm_config_cache: '/root/.npm',
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/root', npm_config_cache: '/root/.npm' });
  });

  it('skips, with a reason, on machines that set ELECTRON_SKIP_BINARY_DOWNLOAD', () => {
    expect(script.skipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, { runtime: 'electron' })).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(script.skipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' }, { runtime: 'electron' })).not.toBeNull();
    expect(script.skipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: '0' }, { runtime: 'electron' })).toBeNull();
    expect(script.skipReason({}, { runtime: 'electron' })).toBeNull();
    expect(script.skipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, { runtime: 'node' })).toBeNull();
  });

  it('exits 0 on a skip, 1 on a skip under --strict (packaging), 1 on a bad option', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await script.main([], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, root)).toBe(0);
    expect(out.mock.calls.flat().join('\n')).toMatch(/skipped\. ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(await script.main(['--strict'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, root)).toBe(1);
    expect(await script.main(['--bogus'], {}, root)).toBe(1);
    expect(() => script.parseArgs(['--runtime=deno'])).toThrow(/electron or node/);
    expect(() => script.parseArgs(['--target=latest'])).toThrow(/version/);
    expect(() => script.parseArgs(['--arch=x64;rm -rf'])).toThrow(/architecture/);
  });
});
