import { createContext, use } from 'react';
import type { MethodInput, MethodName } from '../../../shared/contract/methods';
import type { OperatorView } from '../../../shared/contract/views';
import type { CallResult } from '../api/custodian.client';

/** What every console screen needs: who is signed in, a contract call, and the lock. */
export interface ConsoleSession {
  operator: OperatorView;
  trustName: string;
  /** Like invoke(); a session that has ended sends the window back to sign in. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<M>>;
  lock(): void;
}

export const ConsoleSessionContext = createContext<ConsoleSession | null>(null);

export function useConsoleSession(): ConsoleSession {
  const session = use(ConsoleSessionContext);
  if (session === null) throw new Error('useConsoleSession needs a signed-in console around it.');
  return session;
}
