import { describe, expect, it } from 'vitest';
import { codeChallenge, newCodeVerifier, newState } from '../../electron/core/publishing/oauth/pkce';

describe('PKCE (RFC 7636)', () => {
  it('gives the S256 challenge of RFC 7636 Appendix B for its verifier', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes fresh verifiers and states in the unreserved alphabet, long enough to be unguessable', () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => newCodeVerifier()));
    expect(verifiers.size).toBe(200);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(newState()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newState()).not.toBe(newState());
  });
});
