import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * Every web contents (our window, and anything that ever gets created) stays on app://:
 * navigations and redirects elsewhere are cancelled, new windows are refused, and <webview>
 * cannot be attached. A link to the outside world is therefore inert; if the UI ever needs
 * one, main opens it deliberately with shell.openExternal after checking it.
 */
export function hardenWebContents(contents: WebContents): void {
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
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
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
