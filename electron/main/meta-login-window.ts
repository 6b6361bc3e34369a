import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type WebPreferences } from 'electron';
import { AuthorizationError } from '../core/publishing/oauth/loopback-authorization';
import { isMetaLoginSuccess, META_LOGIN_STOPPED } from '../core/publishing/oauth/meta-login';
import { guardDownloads } from './download-guard';
import { denyAllPermissions } from './navigation-guard';

/**
 * Meta's Login dialog for Facebook and Instagram channels (the core's MetaLogin). Meta accepts
 * for a desktop app only its own login_success.html as the redirect, and tells desktop apps to
 * show the dialog in an embedded window and watch for it (reference, OAuth redirects: manual
 * flow). So this is the one window of ours that shows a web page, and it is kept apart:
 *
 * - sandboxed, context-isolated, no Node, no preload (the page gets no window.custodian), no
 *   devtools;
 * - a session partition of its own, not persisted and cleared on close, so Meta's cookies never
 *   mix with the app's session and no sign-in lingers for the next person at this computer;
 * - the top frame may go only to facebook.com and its subdomains over https; new windows,
 *   <webview>, downloads and every permission are refused;
 * - it only watches: when Meta sends it to login_success.html, that navigation is stopped (the
 *   page is never loaded), the address is handed back if its state is the one sent, and the
 *   window closes. The core checks the state again and reads the code (meta-login.ts).
 *
 * Closing the window first means "stop": the promise rejects with META_LOGIN_STOPPED.
 */

/** The sessions of open login windows: main's global navigation guard leaves their contents to this module. */
const loginSessions = new WeakSet<object>();

export function isMetaLoginContents(contents: { readonly session?: unknown }): boolean {
  const owned = contents.session;
  return typeof owned === 'object' && owned !== null && loginSessions.has(owned);
}

/** Meta's sign-in pages: https on facebook.com or a subdomain of it, on the default port, with no user info. */
export function isMetaSignInPage(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return false;
  return url.hostname === 'facebook.com' || url.hostname.endsWith('.facebook.com');
}

/** Every field spelled out, as for the main window (web-preferences.ts), and deliberately no preload. */
export function metaLoginWebPreferences(partition: string): WebPreferences {
  return {
    partition,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    experimentalFeatures: false,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: false,
    spellcheck: false,
  };
}

interface NavigationEvent {
  readonly url: string;
  readonly isMainFrame?: boolean;
  preventDefault(): void;
}

export function openMetaLogin(dialogUrl: string, options: { parent?: BrowserWindow | null } = {}): Promise<string> {
  if (!isMetaSignInPage(dialogUrl)) {
    // A sign-in address from the vault (a proxy's, set from the command line) is no Meta page: this window shows nothing else.
    return Promise.reject(new AuthorizationError('Custodian’s Meta sign-in window opens only Meta’s own pages on facebook.com. Nothing was changed.'));
  }
  const expectedState = new URL(dialogUrl).searchParams.get('state') ?? '';
  // No "persist:" prefix: an in-memory partition, one per sign-in.
  const partition = `meta-login-${randomUUID()}`;
  const loginSession = session.fromPartition(partition, { cache: false });
  loginSessions.add(loginSession);
  denyAllPermissions(loginSession);
  guardDownloads(loginSession);

  const window = new BrowserWindow({
    title: 'Sign in to Meta for Custodian',
    width: 640,
    height: 760,
    ...(options.parent ? { parent: options.parent } : {}),
    autoHideMenuBar: true,
    webPreferences: metaLoginWebPreferences(partition),
  });
  window.setMenu(null);
  const contents = window.webContents;

  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      if (!window.isDestroyed()) window.close();
    };
    const watch = (event: NavigationEvent) => {
      if (event.isMainFrame === false) return;
      if (isMetaLoginSuccess(event.url)) {
        // Never loaded: the address is all Custodian needs.
        event.preventDefault();
        let state: string | null = null;
        try {
          state = new URL(event.url).searchParams.get('state');
        } catch {
          state = null;
        }
        if (state !== expectedState) {
          finish(() => reject(new AuthorizationError('The sign-in came back with a state Custodian did not send, so it was refused. Nothing was changed.')));
          return;
        }
        finish(() => resolve(event.url));
        return;
      }
      if (!isMetaSignInPage(event.url)) event.preventDefault();
    };
    contents.on('will-navigate', watch);
    contents.on('will-redirect', watch);
    contents.on('will-frame-navigate', watch);
    contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.on('closed', () => {
      void loginSession.clearStorageData().catch(() => undefined);
      if (!settled) {
        settled = true;
        reject(new AuthorizationError(META_LOGIN_STOPPED));
      }
    });
    // A page that fails to load shows its error in the window; the person closes it to stop.
    void window.loadURL(dialogUrl).catch(() => undefined);
  });
}
