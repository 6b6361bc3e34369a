import { createHash, randomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636) with the S256 method: the code verifier stays in this process; only its
 * SHA-256 goes out in the authorization request, so a code caught on its way back to the
 * loopback listener is useless without it.
 */

/** A fresh verifier: 32 random bytes, base64url (43 characters, inside the RFC's 43–128). */
export function newCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The state parameter: unguessable, checked on the callback so a forged redirect is refused. */
export function newState(): string {
  return randomBytes(24).toString('base64url');
}
