import { ApiBaseError, parseApiBase } from '../core/publishing/api-base';
import type { OpenExternal } from './external-links';

/**
 * The system browser for a channel's OAuth sign-in (the core's BrowserOpener). The core builds
 * the address from the platform's sign-in page, or from an administrator's override that was
 * checked when it was saved, but the override is read back from the vault file, which is only as
 * trustworthy as the disk it sits on. shell.openExternal hands any scheme to the operating
 * system (file:, smb:, an installed app's own scheme), so main checks again and opens nothing
 * but a web page: https, or plain http to this machine's loopback (the same rule as saving).
 */
export async function openSignInPage(url: string, openExternal: OpenExternal): Promise<void> {
  let checked: string;
  try {
    checked = parseApiBase(url, { allowQuery: true });
  } catch (error) {
    if (error instanceof ApiBaseError) throw new Error('Custodian opens only https sign-in pages in the browser.');
    throw error;
  }
  await openExternal(checked);
}
