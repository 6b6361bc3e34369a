import path from 'node:path';

/**
 * The desktop shell's own settings: where the vault lives, how long a copied secret stays on
 * the clipboard, and how long the console may sit idle before it locks. Read once at start-up
 * from the command line (--name=value or --name value) and the environment; the command line
 * wins. Pure: no 'electron' import, so every rule here is tested without a window.
 */

/** Electron's app name, and so the last part of app.getPath('userData'): the CLI's default folder. */
export const PRODUCT_NAME = 'Custodian';

export const CLIPBOARD_CLEAR_DEFAULT_MS = 30_000;
export const CLIPBOARD_CLEAR_MIN_MS = 10_000;
export const CLIPBOARD_CLEAR_MAX_MS = 300_000;

export const IDLE_LOCK_DEFAULT_MINUTES = 15;
export const IDLE_LOCK_MIN_MINUTES = 1;
export const IDLE_LOCK_MAX_MINUTES = 60;

export interface ShellSettings {
  /** Absolute path of the vault folder. */
  readonly dataDir: string;
  /** Where dataDir came from, for the log line at start-up. */
  readonly dataDirSource: 'command-line' | 'environment' | 'default';
  readonly clipboardClearMs: number;
  readonly idleLockMinutes: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** 10–300 s; anything else (NaN, Infinity, a typo) falls back to 30 s rather than to "never". */
export function clampClipboardClearMs(ms: number): number {
  if (!Number.isFinite(ms)) return CLIPBOARD_CLEAR_DEFAULT_MS;
  return clamp(Math.round(ms), CLIPBOARD_CLEAR_MIN_MS, CLIPBOARD_CLEAR_MAX_MS);
}

/** 1–60 min: at most an hour unlocked and idle, whatever was asked; junk falls back to 15. */
export function clampIdleLockMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return IDLE_LOCK_DEFAULT_MINUTES;
  return clamp(minutes, IDLE_LOCK_MIN_MINUTES, IDLE_LOCK_MAX_MINUTES);
}

/**
 * The value of --name=value or --name value in argv, or undefined. Only the first occurrence
 * counts; "--name" followed by another switch (or nothing) has no value.
 */
export function switchValue(argv: readonly string[], name: string): string | undefined {
  const flag = `--${name}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
    if (arg === flag) {
      const next = argv[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** A strictly numeric setting ("30", "1.5"); anything else is undefined (not 0, not NaN). */
function numeric(value: string | undefined): number | undefined {
  const text = nonEmpty(value);
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

export interface SettingsSources {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** app.getPath('userData') once main has pinned it to <appData>/Custodian. */
  readonly userDataDir: string;
}

/**
 * --data-dir=DIR, else CUSTODIAN_DATA_DIR, else the per-user app data folder (the same one
 * the CLI uses by default). A relative DIR is taken from the folder Custodian was started in.
 */
export function resolveDataDir(sources: SettingsSources): Pick<ShellSettings, 'dataDir' | 'dataDirSource'> {
  const fromSwitch = nonEmpty(switchValue(sources.argv, 'data-dir'));
  if (fromSwitch !== undefined) return { dataDir: path.resolve(sources.cwd, fromSwitch), dataDirSource: 'command-line' };
  const fromEnv = nonEmpty(sources.env.CUSTODIAN_DATA_DIR);
  if (fromEnv !== undefined) return { dataDir: path.resolve(sources.cwd, fromEnv), dataDirSource: 'environment' };
  return { dataDir: path.resolve(sources.userDataDir), dataDirSource: 'default' };
}

export function readShellSettings(sources: SettingsSources): ShellSettings {
  const clearSeconds =
    numeric(switchValue(sources.argv, 'clipboard-clear-seconds')) ?? numeric(sources.env.CUSTODIAN_CLIPBOARD_CLEAR_SECONDS);
  const idleMinutes = numeric(switchValue(sources.argv, 'idle-lock-minutes')) ?? numeric(sources.env.CUSTODIAN_IDLE_LOCK_MINUTES);
  return {
    ...resolveDataDir(sources),
    clipboardClearMs: clearSeconds === undefined ? CLIPBOARD_CLEAR_DEFAULT_MS : clampClipboardClearMs(clearSeconds * 1000),
    idleLockMinutes: idleMinutes === undefined ? IDLE_LOCK_DEFAULT_MINUTES : clampIdleLockMinutes(idleMinutes),
  };
}

/**
 * Electron's userData is <appData>/<name from package.json> and is fixed before main runs,
 * so in a checkout (package.json name "custodian") it would not be the CLI's folder. Main
 * pins it to this path first thing, so app, CLI and docs agree on every platform.
 */
export function pinnedUserDataDir(appDataDir: string): string {
  return path.join(appDataDir, PRODUCT_NAME);
}
