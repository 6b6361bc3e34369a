import path from 'node:path';

/**
 * better-sqlite3 is a V8-API addon: a build only loads in the runtime (ABI) it was compiled
 * for. node_modules keeps the Node build (CLI, tests); the desktop app loads its own Electron
 * build through better-sqlite3's nativeBinding option, from a folder of its own:
 * - in a checkout: build/electron/better_sqlite3.node (scripts/build-electron-sqlite.mjs);
 * - packaged: <resources>/electron/better_sqlite3.node (electron-builder extraResources).
 * docs/native-modules.md explains the why and the how. Keep these names in step with the
 * script and electron-builder.yml (a unit test checks all three agree).
 */
export const ELECTRON_SQLITE_FILE = 'better_sqlite3.node';
/** Relative to the project root (app.getAppPath() in a checkout). */
export const CHECKOUT_BINDING_DIR = 'build/electron';
/** Relative to process.resourcesPath in a packaged app. */
export const PACKAGED_BINDING_DIR = 'electron';

export interface BindingLocation {
  readonly isPackaged: boolean;
  /** process.resourcesPath */
  readonly resourcesPath: string;
  /** app.getAppPath(): the project root in a checkout, …/resources/app.asar when packaged. */
  readonly appPath: string;
}

export function electronSqliteBindingPath(where: BindingLocation): string {
  return where.isPackaged
    ? path.join(where.resourcesPath, PACKAGED_BINDING_DIR, ELECTRON_SQLITE_FILE)
    : path.join(where.appPath, ...CHECKOUT_BINDING_DIR.split('/'), ELECTRON_SQLITE_FILE);
}

/** The entry point a NODE_MODULE_INIT addon exports for ABI n (macOS prefixes an underscore). */
export function abiSymbol(abi: string | number): string {
  return `node_register_module_v${abi}`;
}

export type BindingCheck = { ok: true; path: string } | { ok: false; message: string };

export interface BindingFiles {
  readFile(file: string): Buffer;
}

/**
 * Is the file there, and built for this runtime's ABI (process.versions.modules in Electron)?
 * Checked before the core opens the database, so a missing or wrong build is a clear message
 * at start-up instead of a crash or "Module did not self-register" on first use.
 */
export function checkNativeBinding(file: string, abi: string, where: Pick<BindingLocation, 'isPackaged'>, fs: BindingFiles): BindingCheck {
  const fix = where.isPackaged
    ? 'Reinstall Custodian.'
    : 'Run "npm run build:electron-sqlite" in the project folder (see docs/native-modules.md), then start again.';
  let content: Buffer;
  try {
    content = fs.readFile(file);
  } catch {
    return { ok: false, message: `Custodian cannot open its database: the Electron build of better-sqlite3 is missing (${file}). ${fix}` };
  }
  if (!content.includes(abiSymbol(abi))) {
    return {
      ok: false,
      message: `Custodian cannot open its database: ${file} was not built for this Electron (ABI ${abi}). ${
        where.isPackaged ? fix : 'Run "npm run build:electron-sqlite -- --force" (see docs/native-modules.md), then start again.'
      }`,
    };
  }
  return { ok: true, path: file };
}
