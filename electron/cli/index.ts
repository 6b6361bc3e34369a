import { pendingKeychainCalls, runCli } from './run-cli';
import { terminalIo } from './terminal-io';

const code = await runCli(process.argv.slice(2), terminalIo());
process.exitCode = code;
// A keychain call that timed out stays stuck in a native worker, and then even
// process.exit() hangs. The command has already said why it failed; once its output is
// flushed, end the process the only way that works.
if ((await pendingKeychainCalls()) > 0) {
  const flush = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.kill(process.pid, 'SIGKILL');
}
process.exit(code);
