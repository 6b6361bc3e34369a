import { Suspense, useCallback, useMemo } from 'react';
import type { MethodInput, MethodName } from '../../../shared/contract/methods';
import type { OperatorView } from '../../../shared/contract/views';
import { invoke, type CallResult } from '../api/custodian.client';
import { canSeePage, ConsoleShell } from './console-shell.component';
import { PageLoading } from './page-loading.component';
// Every console page but the dashboard loads on first use (console-pages.lazy.ts).
import {
  AccessRegisterScreen,
  AuditLogScreen,
  CalendarScreen,
  ChannelsScreen,
  ComplianceScreen,
  ConsentScreen,
  DataScreen,
  InboxScreen,
  IncidentsScreen,
  MonitoringScreen,
  PeopleScreen,
  PostsScreen,
} from './console-pages.lazy';
import { DashboardScreen } from '../features/dashboard/dashboard.screen';
import { ConsoleSessionContext, type ConsoleSession } from '../session/console-session.context';
import { ReasonCoverContext, useReasonCoverStore } from '../session/reason-cover.context';
import type { AppActions, ConsolePage } from '../session/use-app-state.hook';

function ConsolePageView({
  page,
  notice,
  onDismissNotice,
  onNavigate,
}: {
  page: ConsolePage;
  notice: string | null;
  onDismissNotice(): void;
  onNavigate(page: ConsolePage): void;
}) {
  switch (page) {
    case 'dashboard':
      return <DashboardScreen notice={notice} onDismissNotice={onDismissNotice} onOpenCompliance={() => onNavigate('compliance')} />;
    case 'compliance':
      return <ComplianceScreen />;
    case 'channels':
      return <ChannelsScreen />;
    case 'posts':
      return <PostsScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'monitoring':
      return <MonitoringScreen />;
    case 'incidents':
      return <IncidentsScreen />;
    case 'consent':
      return <ConsentScreen />;
    case 'audit':
      return <AuditLogScreen />;
    case 'access':
      return <AccessRegisterScreen />;
    case 'people':
      return <PeopleScreen />;
    case 'calendar':
      return <CalendarScreen />;
    case 'data':
      return <DataScreen />;
  }
}

/**
 * The signed-in console: the shell, its pages and the session they share. It loads after
 * sign-in (console-pages.lazy.ts), with the contract's permission table and zod, which the
 * sign-in and first-run screens do not need.
 */
export function SignedIn({
  operator,
  trustName,
  page,
  notice,
  actions,
}: {
  operator: OperatorView;
  trustName: string;
  page: ConsolePage;
  notice: string | null;
  actions: AppActions;
}) {
  const { lock, sessionEnded, navigate, dismissNotice } = actions;
  const call = useCallback(
    async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<M>> => {
      const result = await invoke(method, input);
      // Locked elsewhere (idle, suspend, another window): back to the passphrase.
      if (!result.ok && result.error.code === 'unauthenticated') sessionEnded();
      return result;
    },
    [sessionEnded],
  );
  const session = useMemo<ConsoleSession>(
    () => ({ operator, trustName, call, lock: () => lock(operator.email) }),
    [operator, trustName, call, lock],
  );
  const reasonCover = useReasonCoverStore();
  // A page the operator's role does not show falls back to the dashboard.
  const shown = canSeePage(page, operator) ? page : 'dashboard';
  return (
    <ConsoleSessionContext value={session}>
      <ReasonCoverContext value={reasonCover}>
        <ConsoleShell page={shown} onNavigate={navigate}>
          <Suspense fallback={<PageLoading />}>
            <ConsolePageView page={shown} notice={notice} onDismissNotice={dismissNotice} onNavigate={navigate} />
          </Suspense>
        </ConsoleShell>
      </ReasonCoverContext>
    </ConsoleSessionContext>
  );
}
