import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackRedirectUri, REDIRECT_PATH } from '../../../../shared/domain/oauth-redirects';
import { codeChallenge, newCodeVerifier, newState } from './pkce';

/**
 * The browser half of an OAuth sign-in for a desktop app (RFC 8252): a listener on 127.0.0.1
 * (never "localhost", which may resolve elsewhere) on the platform app's fixed port (X and
 * LinkedIn accept only the redirect registered with them; 0, the system picks, only where any
 * port is accepted), the system
 * browser sent to the platform's sign-in page with a PKCE challenge and a fresh state, and the
 * one callback that carries that state accepted. A callback with any other state is answered
 * and ignored (a page on the web can make the browser call the listener too). The listener
 * closes after that one callback, or after five minutes, or when the caller stops waiting.
 */

export const AUTHORIZATION_WAIT_MS = 5 * 60_000;
const CALLBACK_PATH = REDIRECT_PATH;

export interface AuthorizationRequest {
  authorizeUrl: string;
  clientId: string;
  scope: string;
  extraParams: Readonly<Record<string, string>>;
  /** The loopback port (its redirect is registered with the platform); 0: any free one. */
  port: number;
  /** PKCE S256 (not on LinkedIn's standard flow, which refuses PKCE alongside the secret). */
  pkce: boolean;
  /** The platform's name, for the busy-port message. */
  platformName: string;
  /** Opens the address in the system browser (the desktop's shell, the CLI's xdg-open/open/start). */
  openBrowser(url: string): Promise<void>;
  waitMs?: number;
  signal?: AbortSignal;
}

export interface AuthorizationCode {
  code: string;
  verifier: string;
  redirectUri: string;
}

export class AuthorizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthorizationError';
  }
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto"><h1>${title}</h1><p>${text}</p></body></html>`;

function answer(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
  res.end(page(title, text));
}

export async function authorizeInBrowser(request: AuthorizationRequest): Promise<AuthorizationCode> {
  const verifier = newCodeVerifier();
  const state = newState();
  let settle: { resolve(code: AuthorizationCode): void; reject(error: Error): void } | undefined;
  const outcome = new Promise<AuthorizationCode>((resolve, reject) => (settle = { resolve, reject }));
  // Awaited below; this only keeps an early rejection (a stop while the browser opens) from counting as unhandled.
  outcome.catch(() => undefined);
  let redirectUri = '';
  let done = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      answer(res, 404, 'Not found', 'This address is only for finishing a Custodian sign-in.');
      return;
    }
    if (done || url.searchParams.get('state') !== state) {
      // Not the sign-in Custodian started (or it is already finished): refused, and the wait goes on.
      answer(res, 400, 'Not this sign-in', 'This sign-in was not started by Custodian just now, so it was ignored. Go back to Custodian.');
      return;
    }
    done = true;
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    if (code !== null && code !== '') {
      answer(res, 200, 'Signed in', 'Custodian has what it needs. You can close this tab and go back to Custodian.');
      settle?.resolve({ code, verifier, redirectUri });
    } else {
      answer(res, 400, 'Sign-in not finished', 'The platform did not give Custodian access. Go back to Custodian to try again.');
      const reason = error === 'access_denied' ? 'access was not allowed on the sign-in page' : `the platform answered "${(error ?? 'no code').slice(0, 60)}"`;
      settle?.reject(new AuthorizationError(`The sign-in did not finish: ${reason}. Nothing was changed.`));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(request.port, '127.0.0.1', resolve);
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new AuthorizationError(
      `Port ${request.port} on this computer is in use by another program, so the ${request.platformName} sign-in could not come back to Custodian. Close that program and connect again, or choose another redirect port for the ${request.platformName} app (Channels → Platform apps, or custodian platform app … --redirect-port N) and register its new redirect address with ${request.platformName}. Nothing was changed.`,
    );
  });
  const { port } = server.address() as AddressInfo;
  redirectUri = loopbackRedirectUri(port);

  const waitMs = request.waitMs ?? AUTHORIZATION_WAIT_MS;
  const timer = setTimeout(() => settle?.reject(new AuthorizationError(`No sign-in came back within ${Math.round(waitMs / 60_000) || 1} minutes, so Custodian stopped waiting. Nothing was changed.`)), waitMs);
  const onAbort = () => settle?.reject(new AuthorizationError('The sign-in was stopped. Nothing was changed.'));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const url = new URL(request.authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', request.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', request.scope);
    url.searchParams.set('state', state);
    if (request.pkce) {
      url.searchParams.set('code_challenge', codeChallenge(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
    }
    for (const [key, value] of Object.entries(request.extraParams)) url.searchParams.set(key, value);
    await request.openBrowser(url.href).catch(() => {
      throw new AuthorizationError('The browser could not be opened for the sign-in. Nothing was changed.');
    });
    return await outcome;
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    done = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
