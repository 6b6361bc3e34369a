import { AuthorizationError } from './loopback-authorization';
import { isMetaPlatform, META_LOGIN_SUCCESS_URL } from '../../../../shared/domain/oauth-redirects';

/**
 * Meta's sign-in for a desktop app (reference, OAuth redirects: FB/docs/facebook-login/security/
 * #strict_mode and FB/documentation/facebook-login/guides/advanced/manual-flow). Strict mode
 * accepts only an exact, registered HTTPS redirect, so no loopback listener can receive the
 * code; for desktop apps Meta's manual flow says to show the Login dialog in an embedded window
 * and watch for its redirect to Meta's own login_success.html. The desktop app does that
 * (electron/main/meta-login-window.ts); this module builds the dialog's address and reads the
 * redirect, both pure, so the core keeps the state check however the window behaves.
 */

export { isMetaPlatform, META_LOGIN_SUCCESS_URL };

/** What the person sees when they close the login window before Meta sent them back. */
export const META_LOGIN_STOPPED = 'The sign-in was stopped: the Meta sign-in window was closed before Meta sent Custodian back. Nothing was changed.';

/** The desktop app's embedded login window: shows the dialog, resolves with the login_success address it was sent to. */
export type MetaLogin = (dialogUrl: string) => Promise<string>;

export interface MetaDialogRequest {
  authorizeUrl: string;
  clientId: string;
  state: string;
  /** Comma-separated permissions (a Facebook Login app). */
  scope: string;
  /**
   * A Facebook Login for Business app's configuration: it names the permissions (and the token
   * type), so it is sent instead of scope (reference: FB/documentation/facebook-login/facebook-login-for-business).
   */
  configId: string | null;
}

export function metaDialogUrl(request: MetaDialogRequest): string {
  const url = new URL(request.authorizeUrl);
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', META_LOGIN_SUCCESS_URL);
  url.searchParams.set('state', request.state);
  url.searchParams.set('response_type', 'code');
  if (request.configId === null) url.searchParams.set('scope', request.scope);
  else url.searchParams.set('config_id', request.configId);
  return url.href;
}

/** Whether an address is Meta's login_success page (any query), the one place the dialog ends. */
export function isMetaLoginSuccess(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  return `${url.origin}${url.pathname}` === META_LOGIN_SUCCESS_URL;
}

/**
 * The code from the dialog's redirect, once its state is the one sent. Meta puts the answer in
 * the query (response_type=code); the fragment is read too, as the dialog adds "#_=_" and a
 * token-type answer would sit there. Throws AuthorizationError with a message fit for the person
 * (never the code).
 */
export function parseMetaRedirect(address: string, expectedState: string): { code: string } {
  if (!isMetaLoginSuccess(address)) throw new AuthorizationError('The sign-in window ended somewhere other than Meta’s login_success page. Nothing was changed.');
  const url = new URL(address);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const param = (name: string) => url.searchParams.get(name) ?? fragment.get(name);
  if (param('state') !== expectedState) {
    throw new AuthorizationError('The sign-in came back with a state Custodian did not send, so it was refused. Nothing was changed.');
  }
  const code = param('code');
  if (code !== null && code !== '') return { code };
  const error = param('error');
  const reason = param('error_reason');
  const said = (param('error_description') ?? '').slice(0, 120);
  if (error === 'access_denied' || reason === 'user_denied') throw new AuthorizationError('The sign-in did not finish: access was not allowed on the sign-in page. Nothing was changed.');
  throw new AuthorizationError(`The sign-in did not finish: Meta answered "${(error ?? 'no code').slice(0, 60)}"${said === '' ? '' : ` (${said})`}. Nothing was changed.`);
}
