import { spawn } from 'node:child_process';
import type { BrowserOpener } from '../core/app';
import type { CliIo } from './cli-io';

/**
 * The browser's environment: the CLI's, minus every CUSTODIAN_* variable. Those hold the
 * operator's passphrase and a transfer file's (CUSTODIAN_PASSPHRASE, CUSTODIAN_TRANSFER_PASSPHRASE),
 * and a browser (its extensions, its crash reports, whatever it starts) has no need of them.
 */
export function browserEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toUpperCase().startsWith('CUSTODIAN_')));
}

/**
 * The CLI's way to the system browser for a sign-in: $BROWSER if set (the usual convention on
 * Linux, and how a headless machine or a test plays the browser), else the platform's opener.
 * The address is also printed, so a person on a machine with no desktop can open it elsewhere
 * (the loopback redirect still has to come back to this machine).
 */
export function systemBrowser(io: CliIo): BrowserOpener {
  return {
    open: (url) => {
      io.stderr(`Sign in with your browser. If it does not open, visit:\n  ${url}\n`);
      const chosen = io.env.BROWSER?.trim();
      const [command, args] =
        chosen !== undefined && chosen !== ''
          ? [chosen, [url]]
          : process.platform === 'darwin'
            ? ['open', [url]]
            : process.platform === 'win32'
              ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
              : ['xdg-open', [url]];
      return new Promise<void>((resolve) => {
        // The URL is one argument, never through a shell, so nothing in it can run as a command.
        const child = spawn(command, args, { stdio: 'ignore', detached: true, env: browserEnvironment(io.env) });
        child.on('error', () => resolve());
        child.on('spawn', () => {
          child.unref();
          resolve();
        });
      });
    },
  };
}
