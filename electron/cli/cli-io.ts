/** What the CLI touches outside itself, injected so tests can drive it in-process too. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of standard input (used when it is not a terminal). */
  readStdin: () => Promise<string>;
  stdinIsTty: boolean;
  /** Asks on the terminal without echoing what is typed. */
  promptHidden: (question: string) => Promise<string>;
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}
