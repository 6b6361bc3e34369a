import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName } from '../../../shared/contract/methods';
import type { ContractError } from '../../../shared/contract/result';
import { useConsoleSession } from '../session/console-session.context';
import type { RendererOutput } from './custodian.client';

export type Loadable<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: ContractError };

/**
 * Loads one contract method's answer for a screen. A reload keeps showing the last answer
 * until the new one arrives, so lists do not flash empty. With enabled false nothing is asked
 * (for a method the operator's role may not call) and it stays loading.
 */
export function useInvoke<M extends MethodName>(method: M, input: MethodInput<M>, enabled = true): Loadable<RendererOutput<M>> & { reload(): void } {
  const { call } = useConsoleSession();
  const key = JSON.stringify(input);
  const [state, setState] = useState<Loadable<RendererOutput<M>>>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void call(method, JSON.parse(key) as MethodInput<M>).then((result) => {
      if (live) setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [call, method, key, round, enabled]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
