import { MantineProvider } from '@mantine/core';
import { Suspense, useCallback, useMemo } from 'react';
import type { MethodInput, MethodName } from '../../shared/contract/methods';
import type { OperatorView } from '../../shared/contract/views';
import { invoke, type CallResult } from './api/custodian.client';
import { ChangePassphraseScreen } from './features/auth/change-passphrase.screen';
import { FirstRunKitScreen } from './features/auth/first-run-kit.screen';
import { FirstRunScreen } from './features/auth/first-run.screen';
import { SignInScreen } from './features/auth/sign-in.screen';
import { StartingScreen, UnavailableScreen } from './features/auth/starting.screen';
import { WelcomeScreen } from './features/auth/welcome.screen';
import { DashboardScreen } from './features/dashboard/dashboard.screen';
import { ConsoleSessionContext, type ConsoleSession } from './session/console-session.context';
import { ReasonCoverContext, useReasonCoverStore } from './session/reason-cover.context';
import { useAppState, type AppActions, type ConsolePage } from './session/use-app-state.hook';
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
} from './shell/console-pages.lazy';
import { canSeePage, ConsoleShell } from './shell/console-shell.component';
import { PageLoading } from './shell/page-loading.component';
import { theme } from './theme/custodian.theme';

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

function SignedIn({
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
  const shown = canSeePage(page, operator.consoleRole) ? page : 'dashboard';
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

function Screens() {
  const [state, actions] = useAppState();
  switch (state.screen) {
    case 'starting':
      return <StartingScreen />;
    case 'unavailable':
      return <UnavailableScreen message={state.message} onRetry={actions.retry} />;
    case 'first-run':
      return <FirstRunScreen onCreated={actions.created} />;
    case 'first-run-kit':
      return <FirstRunKitScreen trustName={state.trustName} offer={state.offer} onDone={actions.kitDone} />;
    case 'welcome':
      return <WelcomeScreen operator={state.operator} trustName={state.trustName} onDone={(notice) => actions.signedIn(state.operator, state.trustName, notice)} />;
    case 'sign-in':
      return (
        <SignInScreen
          trustName={state.trustName}
          reason={state.reason}
          email={state.email}
          onSignedIn={(operator, offerRecoveryKit) => actions.signedIn(operator, state.trustName ?? '', undefined, offerRecoveryKit)}
        />
      );
    case 'change-passphrase':
      return <ChangePassphraseScreen operator={state.operator} onChanged={actions.passphraseChanged} onSignOut={() => actions.lock(state.operator.email)} />;
    case 'console':
      return <SignedIn operator={state.operator} trustName={state.trustName} page={state.page} notice={state.notice} actions={actions} />;
  }
}

/**
 * The window. MantineProvider injects no <style> elements here (the CSP has no 'unsafe-inline'
 * and no nonce): its CSS variables and global classes are off, and their CSS ships as files
 * (@mantine/core/styles.css and theme/theme-variables.css, imported in main.tsx).
 */
export function App() {
  return (
    <MantineProvider theme={theme} withCssVariables={false} withGlobalClasses={false} defaultColorScheme="light">
      <Screens />
    </MantineProvider>
  );
}
