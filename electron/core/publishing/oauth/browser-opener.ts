/**
 * Opens an address in the system browser: the desktop app's shell, the CLI's xdg-open / open /
 * start (or $BROWSER). The sign-in happens there, never in a window of ours (RFC 8252), so the
 * platform's password never passes through Custodian.
 */
export interface BrowserOpener {
  open(url: string): Promise<void>;
}
