import { describe, expect, it } from 'vitest';
import { checkPassphrase, decoyHash, deriveAhead, hashPassphraseWithKey, verifyPassphrase } from '../../electron/core/auth/passphrase';

/**
 * The CLI starts the sign-in's scrypt before the core loads (cli/early-sign-in.ts). A scrypt
 * begun ahead must answer exactly as the check's own: used only for the same passphrase and
 * stored hash, never for another passphrase or another operator's hash.
 */
describe('a scrypt begun ahead of its check', () => {
  const RIGHT = 'correct horse battery staple, ahead';
  const WRONG = 'not the passphrase at all, ahead';

  it('gives the same answer and keys as the check alone', async () => {
    const made = await hashPassphraseWithKey(RIGHT);
    const alone = await checkPassphrase(RIGHT, made.hash);
    deriveAhead(RIGHT, made.hash);
    const ahead = await checkPassphrase(RIGHT, made.hash);
    expect(alone.ok && ahead.ok).toBe(true);
    expect(ahead).toEqual(alone);
    expect(ahead.ok && [...(ahead.sealingKey ?? [])]).toEqual([...made.sealingKey]);
  });

  it('is not used for another passphrase or another hash', async () => {
    const made = await hashPassphraseWithKey(RIGHT);
    const other = await hashPassphraseWithKey(WRONG);
    // Begun for the right passphrase: a wrong one checked after it still fails.
    deriveAhead(RIGHT, made.hash);
    expect(await verifyPassphrase(WRONG, made.hash)).toBe(false);
    // Begun for a wrong passphrase: the right one still signs in.
    deriveAhead(WRONG, made.hash);
    expect(await verifyPassphrase(RIGHT, made.hash)).toBe(true);
    // Begun for another operator's hash with the same passphrase: not this one's.
    deriveAhead(WRONG, other.hash);
    expect(await verifyPassphrase(WRONG, made.hash)).toBe(false);
    expect(await verifyPassphrase(WRONG, other.hash)).toBe(true);
  });

  it('is used once: the next check derives again', async () => {
    const made = await hashPassphraseWithKey(RIGHT);
    deriveAhead(RIGHT, made.hash);
    expect(await verifyPassphrase(RIGHT, made.hash)).toBe(true);
    expect(await verifyPassphrase(WRONG, made.hash)).toBe(false);
    expect(await verifyPassphrase(RIGHT, made.hash)).toBe(true);
  });

  it('checks an unknown address against the decoy, which nothing matches', async () => {
    deriveAhead(RIGHT, await decoyHash());
    expect(await verifyPassphrase(RIGHT, await decoyHash())).toBe(false);
  });
});
