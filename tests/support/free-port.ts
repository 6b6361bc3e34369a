import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loopbackRedirectUri } from '../../shared/domain/oauth-redirects';

/**
 * A loopback port free just now (the system picks one, and it is closed again), so each test
 * registers its own redirect and two test files never wait on the same default port.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A free port and the redirect URI on it, as an administrator would register it. */
export async function freeRedirect(): Promise<{ port: number; uri: string }> {
  const port = await freePort();
  return { port, uri: loopbackRedirectUri(port) };
}
