import { t } from '../../state/language';
import { useApp } from '../app-context';
import { Dialog } from '../common/dialog';
import { SignInForm } from '../signin/sign-in';

/** Signing in again after the server rejected the credentials, without erasing anything. */
export function SignInAgain() {
  const app = useApp();
  return (
    <Dialog title={t('signin.again')} onClose={() => (app.ui.dialog.value = null)}>
      <SignInForm onSignedIn={() => (app.ui.dialog.value = null)} />
    </Dialog>
  );
}
