import type { Session } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * The window saves files it made itself (the audit CSV is built in the page as a Blob and
 * saved through a link), so a download is allowed only when it is a blob: URL of our own
 * app:// origin, started by a page that is itself on app://. Anything else (a link to the
 * web, a data: URL, a blob: from another origin) is cancelled before it starts: a page
 * that was somehow persuaded to download cannot drop a file on the user's disk.
 */
export function isAllowedDownload(url: string, pageUrl: string | null): boolean {
  if (pageUrl === null || !isAppUrl(pageUrl)) return false;
  if (!url.startsWith('blob:')) return false;
  // blob:app://custodian/<uuid>: the part after "blob:" names the origin that minted it.
  // (Node's URL gives non-special schemes an opaque origin, so the scheme and host are compared.)
  return isAppUrl(url.slice('blob:'.length));
}

/** The parts of a DownloadItem and WebContents the guard reads (so it is tested with fakes). */
interface DownloadLike {
  getURL(): string;
}
interface ContentsLike {
  getURL(): string;
}

export function guardDownloads(ses: Pick<Session, 'on'>, log: (event: string) => void = () => undefined): void {
  (ses.on as (event: 'will-download', listener: (event: { preventDefault(): void }, item: DownloadLike, contents: ContentsLike | null) => void) => void)(
    'will-download',
    (event, item, contents) => {
      let pageUrl: string | null = null;
      try {
        pageUrl = contents?.getURL() ?? null;
      } catch {
        pageUrl = null;
      }
      if (isAllowedDownload(item.getURL(), pageUrl)) return;
      event.preventDefault();
      // Not the URL: a refused download's address could carry data.
      log('shell.download-refused');
    },
  );
}
