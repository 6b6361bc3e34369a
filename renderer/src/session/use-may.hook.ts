import { mayCall } from '../../../shared/contract/may-call';
import type { MethodName } from '../../../shared/contract/methods';
import { useConsoleSession } from './console-session.context';

/**
 * Whether the signed-in operator may call this method from the window, by the contract's one
 * permission table (shared/contract/may-call.ts), which the router enforces. Screens offer a
 * button only when the call behind it would be allowed; the core still checks every call.
 */
export function useMay(method: MethodName): boolean {
  const { operator } = useConsoleSession();
  return mayCall(operator, method);
}
