import { MantineProvider } from '@mantine/core';
import { Suspense } from 'react';
import { PageLoading } from './shell/page-loading.component';
// The signed-in console loads after sign-in (console-pages.lazy.ts).
import { SignedIn } from './shell/console-pages.lazy';
import { ChangePassphraseScreen } from './features/auth/change-passphrase.screen';
import { FirstRunScreen } from './features/auth/first-run.screen';
import { FirstRunKitScreen } from './features/auth/first-run-kit.screen';
import { SignInScreen } from './features/auth/sign-in.screen';
import { StartingScreen, UnavailableScreen } from './features/auth/starting.screen';
import { WelcomeScreen } from './features/auth/welcome.screen';
import { useAppState } from './session/use-app-state.hook';
import { theme } from './theme/custodian.theme';

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
      return (
        <Suspense fallback={<PageLoading />}>
          <SignedIn operator={state.operator} trustName={state.trustName} page={state.page} notice={state.notice} actions={actions} />
        </Suspense>
      );
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
