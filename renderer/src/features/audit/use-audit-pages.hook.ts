import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { AuditEventView } from '../../../../shared/contract/views';
import type { AuditOutcome } from '../../../../shared/domain/enums';
import { useConsoleSession } from '../../session/console-session.context';

/** What the core filters on (audit.list). */
export interface AuditQuery {
  channel?: string;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  school?: string;
  since?: string;
  until?: string;
}

export interface AuditPages {
  /** Every event loaded so far for the query, newest first. */
  events: AuditEventView[];
  status: 'loading' | 'ok' | 'error';
  error: ContractError | null;
  /** True once the oldest matching event is loaded. */
  complete: boolean;
  /** A further (older) page is on its way. */
  loadingMore: boolean;
  /** The first page of a new query (or a reload) is on its way; the last answer still shows. */
  refreshing: boolean;
  /** Asks for the next older page; does nothing while one is loading or when all are here. */
  loadMore(): void;
  /** Starts again from the newest event. */
  reload(): void;
}

/** Events per call: plenty for a screenful, small enough to answer at once. */
export const AUDIT_PAGE_SIZE = 200;

interface State {
  events: AuditEventView[];
  status: 'loading' | 'ok' | 'error';
  error: ContractError | null;
  complete: boolean;
  loadingMore: boolean;
  refreshing: boolean;
}

const START: State = { events: [], status: 'loading', error: null, complete: false, loadingMore: false, refreshing: false };

/**
 * The audit trail a page at a time, newest first, by keyset paging on the event number
 * (beforeSeq): a million events never travel at once. A new query starts again from the top
 * (the last answer stays on screen until the new one arrives, so the table does not flash
 * empty), and an answer to an older query is dropped when it arrives late.
 */
export function useAuditPages(query: AuditQuery): AuditPages {
  const { call } = useConsoleSession();
  const key = JSON.stringify(query);
  const [state, setState] = useState<State>(START);
  const [round, setRound] = useState(0);
  // The state as last set, readable at once (a child's effect can ask for more before this
  // component's own effects run); every change goes through commit().
  const current = useRef<State>(START);
  const commit = useCallback((next: State) => {
    current.current = next;
    setState(next);
  }, []);
  // The query (and round) an answer belongs to, and whether a page is on its way.
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    async (beforeSeq: number | undefined) => {
      const mine = generation.current;
      busy.current = true;
      const input = { ...(JSON.parse(key) as AuditQuery), limit: AUDIT_PAGE_SIZE, ...(beforeSeq === undefined ? {} : { beforeSeq }) };
      const result = await call('audit.list', input);
      if (mine !== generation.current) return;
      busy.current = false;
      const now = current.current;
      if (!result.ok) return commit({ ...now, status: 'error', error: result.error, loadingMore: false, refreshing: false });
      const events = beforeSeq === undefined ? result.value : [...now.events, ...result.value];
      commit({ events, status: 'ok', error: null, complete: result.value.length < AUDIT_PAGE_SIZE, loadingMore: false, refreshing: false });
    },
    [call, key, commit],
  );

  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    const now = current.current;
    commit(now.status === 'ok' ? { ...now, refreshing: true, loadingMore: false } : START);
    void fetchPage(undefined);
    return () => {
      generation.current += 1;
    };
  }, [fetchPage, round, commit]);

  const loadMore = useCallback(() => {
    const now = current.current;
    if (busy.current || now.status !== 'ok' || now.complete || now.refreshing) return;
    const oldest = now.events.at(-1);
    if (oldest === undefined) return;
    commit({ ...now, loadingMore: true });
    void fetchPage(oldest.seq);
  }, [fetchPage, commit]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, loadMore, reload };
}
