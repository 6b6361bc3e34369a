import { existsSync } from 'node:fs';
import { appendPrivateFile, makePrivateDir } from '../core/files/private-files';
import path from 'node:path';
import type { ShellLog } from './app-shell';

/**
 * The shell's structured log: one JSON line per event in <data folder>/logs/shell.log, beside
 * the core's custodian.log. Only event names, reasons, counts and error class names: never a
 * value, a URL the page asked for, or an error message. Logging never breaks what it reports,
 * and never creates the data folder (a vault that does not exist yet leaves nothing behind).
 */
export function createShellLog(dataDir: string, now: () => Date = () => new Date()): ShellLog {
  return (event, fields = {}) => {
    if (!existsSync(dataDir)) return;
    try {
      const dir = path.join(dataDir, 'logs');
      makePrivateDir(dir);
      appendPrivateFile(path.join(dir, 'shell.log'), `${JSON.stringify({ at: now().toISOString(), event, ...fields })}\n`);
    } catch {
      // Nothing to do: the log is best effort.
    }
  };
}
