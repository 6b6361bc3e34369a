import { runCli } from './run-cli';
import { terminalIo } from './terminal-io';

// The `custodian` command. process.exit is explicit: a keychain call that timed out may
// leave a worker waiting, and the command must still end with its exit code.
const code = await runCli(process.argv.slice(2), terminalIo());
process.exit(code);
