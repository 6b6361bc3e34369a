import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { securityHeaders } from './csp';

/**
 * The renderer is served from app://custodian/ rather than file://: a real origin for the
 * same-origin policy and the CSP, and no access to the rest of the disk through the page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'custodian';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** True only for our own origin (app://custodian/...); anything unparsable is not ours. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Must run before app 'ready': Chromium fixes scheme privileges at start-up. standard gives
 * app:// real origins and relative URL resolution; secure makes it a secure context (like
 * https). supportFetchAPI lets the page's own fetch() read its files (connect-src 'self').
 * Nothing bypasses the CSP, and corsEnabled stays unset so no other origin can read app://.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Maps an app:// URL to a file inside rendererRoot, or null when it must not be served.
 * The URL parser already folds plain ../ segments; what it leaves (encoded slashes, encoded
 * dots after decoding, backslashes, NUL) is refused here, and the resolved path must stay
 * inside the renderer folder whatever the input looked like.
 */
export function resolveRendererPath(rendererRoot: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // Backslashes are separators on Windows and never appear in our asset names; NUL truncates.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  const root = path.resolve(rendererRoot);
  const resolved = path.resolve(root, `.${pathname}`);
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * The app:// handler: read-only GET/HEAD of files under rendererRoot, each response (errors
 * too) carrying the CSP. Exported as a plain function so it is tested without Electron.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    const filePath = resolveRendererPath(rendererRoot, request.url);
    if (filePath === null) return notFound();
    try {
      if (!(await stat(filePath)).isFile()) return notFound();
      const body = await readFile(filePath);
      const contentType = contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: securityHeaders(contentType) });
    } catch {
      return notFound();
    }
  };
}

/** After 'ready': serve the built renderer on app:// for the default session. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}
