import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * electron-builder.yml, read as electron-builder reads it. `npm run dist` needs the Electron
 * binary and each platform's signing tools, so it cannot run here; this checks the settings an
 * installer's security rests on. The expected values are typed with electron-builder's own
 * Configuration, so a misspelt key (a fuse that silently stays at its default) fails tsc -b.
 */
const root = path.resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

type Fuses = NonNullable<Configuration['electronFuses']>;
type TargetList = Configuration['win'] extends infer W ? (W extends { target?: infer T } ? T : never) : never;

function targetNames(target: TargetList | undefined): string[] {
  const list = Array.isArray(target) ? target : target === undefined || target === null ? [] : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

function patterns(value: string | string[] | null | undefined | readonly unknown[]): string[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((p): p is string => typeof p === 'string');
}

/** Every .node file in the packages electron-builder would ship (the lockfile's non-dev packages). */
function productionNativeAddons(): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.node')) found.push(rel);
    }
  };
  for (const [dir, meta] of Object.entries(lock.packages)) {
    if (dir.startsWith('node_modules/') && meta.dev !== true && meta.devOptional !== true && existsSync(path.join(root, dir))) walk(dir);
  }
  return found;
}

describe('electron-builder.yml: installers', () => {
  it('builds an NSIS installer for Windows, a dmg for macOS, and an AppImage and a deb for Linux', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    // A per-user install that asks where to go: staff without admin rights can install it.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });

  it('signs macOS builds with the hardened runtime and only the JIT exception', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const entitlements = config.mac?.entitlements;
    expect(typeof entitlements).toBe('string');
    expect(config.mac?.entitlementsInherit).toBe(entitlements);
    const plist = readFileSync(path.join(root, entitlements as string), 'utf8');
    const granted = [...plist.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

describe('electron-builder.yml: what goes into the app', () => {
  it('flips the fuses: no running as Node, no NODE_OPTIONS or --inspect, code only from the checked asar', () => {
    const expected: Fuses = {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    };
    expect(config.electronFuses).toEqual(expected);
    // The integrity fuse checks a hash electron-builder embeds only when the app is an asar.
    expect(config.asar).toBe(true);
  });

  it('leaves no native addon of a shipped package packed inside app.asar', () => {
    const unpack = patterns(config.asarUnpack);
    const excluded = patterns(config.files as string[]).filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    const addons = productionNativeAddons();
    // keytar's and better-sqlite3's builds at least; if these are missing the check proves nothing.
    expect(addons).toEqual(expect.arrayContaining(['node_modules/keytar/build/Release/keytar.node', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node']));
    const packed = addons.filter((file) => !unpack.some((p) => path.matchesGlob(file, p)) && !excluded.some((p) => path.matchesGlob(file, p)));
    expect(packed).toEqual([]);
    // better-sqlite3's Node build is left out altogether: the app ships the Electron build beside the asar.
    expect(excluded.some((p) => path.matchesGlob('node_modules/better-sqlite3/build/Release/better_sqlite3.node', p))).toBe(true);
  });

  it('ships the report and import libraries as runtime dependencies, and pdfkit needs no font files from disk', () => {
    for (const name of ['pdfkit', 'exceljs', 'fast-xml-parser']) expect(Object.keys(pkg.dependencies)).toContain(name);
    // pdfkit 0.20 keeps the standard fonts' metrics in JavaScript modules, loaded with require
    // (which reads from app.asar); an upgrade back to .afm files read from disk fails here.
    const require = createRequire(path.join(root, 'package.json'));
    const helvetica = require.resolve('pdfkit/standard-fonts/Helvetica');
    expect(helvetica).toMatch(/\.cjs$/);
    expect((require(helvetica) as { glyphWidths?: unknown }).glyphWidths).toBeDefined();
  });

  it('never rebuilds node_modules for Electron (that would break the CLI and the tests)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });
});
