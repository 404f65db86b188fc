import { useEffect } from 'preact/hooks';
import { AppContext, useApp } from './components/app-context';
import { LockScreen } from './components/lock/lock-screen';
import { Shell } from './components/shell';
import { SignInScreen } from './components/signin/sign-in';
import { useTheme } from './components/theme';
import type { AppState } from './state/app-state';
import { t } from './state/language';

function Screens() {
  const app = useApp();
  useTheme();
  const session = app.session.state.value;
  if (session === null) {
    return (
      <main class="starting">
        <p role="status">{t('app.starting')}</p>
      </main>
    );
  }
  if (session.kind !== 'signed-in') return <SignInScreen />;
  return session.lock.locked ? <LockScreen lock={session.lock} accountName={session.account.displayName} /> : <Shell />;
}

export function App({ state }: { state: AppState }) {
  useEffect(() => {
    void state.start().catch(() => state.applySession({ kind: 'signed-out' }));
    return () => state.dispose();
  }, [state]);
  return (
    <AppContext.Provider value={state}>
      <Screens />
    </AppContext.Provider>
  );
}
