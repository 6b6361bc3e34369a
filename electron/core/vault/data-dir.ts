import { homedir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../db/database';

/**
 * The per-user app data folder, the same one Electron's app.getPath('userData') gives for
 * productName "Custodian", so the CLI and the desktop app open the same vault by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Custodian');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Custodian');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Custodian');
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}
