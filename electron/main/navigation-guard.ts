import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import { openPlatformLink, type OpenExternal } from './external-links';

/**
 * Every web contents (our window, and anything that ever gets created) stays on app://:
 * navigations and redirects elsewhere are cancelled, new windows are refused, and <webview>
 * cannot be attached. The one way out: a link that asks for a new window (target="_blank",
 * window.open) to a platform's https page on the allow-list (external-links.ts) is handed to
 * the system browser when main passes an opener (shell.openExternal); the app never opens a
 * window for it, and every other URL is simply dropped.
 */
export function hardenWebContents(contents: WebContents, options: { openExternal?: OpenExternal } = {}): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler((details) => {
    if (options.openExternal !== undefined) void openPlatformLink(details.url, options.openExternal);
    return { action: 'deny' };
  });
}

/**
 * The console needs no camera, microphone, notifications-from-the-page, geolocation, USB,
 * HID, serial or anything else a page can ask for: every request and check answers no.
 * (Desktop notifications, when they come, are sent by main, not requested by the page.)
 */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
