import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import type { Result } from '../../../shared/contract/result';
import type { OperatorView } from '../../../shared/contract/views';

/**
 * What the renderer gets back. The window session keeps the sign-in token in main, so
 * auth.signIn hands the page the operator only.
 */
export type RendererOutput<M extends MethodName> = M extends 'auth.signIn' ? { operator: OperatorView; offerRecoveryKit: boolean } : MethodOutput<M>;

export type CallResult<M extends MethodName> = Result<RendererOutput<M>>;

/** Calls one contract method through window.custodian, typed by the contract. Never throws. */
export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<M>> {
  try {
    return (await window.custodian.invoke(method, input)) as CallResult<M>;
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: 'Custodian could not reach its own background process. Close the window and open it again.' },
    };
  }
}
