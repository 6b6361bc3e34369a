import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../electron/core/secrets/vault-secrets';

describe('sealed values (over 1 KB, kept in the database under a keychain key)', () => {
  const key = randomBytes(32).toString('hex');
  const value = `token-${'x'.repeat(3000)}`;

  it('opens with the same key and binding, and hides the value', () => {
    const sealed = seal(key, value, 'channel-3-password');
    expect(sealed).not.toContain('token-');
    expect(unseal(key, sealed, 'channel-3-password')).toBe(value);
    expect(seal(key, value, 'channel-3-password')).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a value moved to another channel, altered, or opened with another key', () => {
    const sealed = seal(key, value, 'channel-3-password');
    expect(() => unseal(key, sealed, 'channel-4-password')).toThrow(/altered or its key changed/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => unseal(key, [parts[0], parts[1], parts[2], body.toString('base64')].join('.'), 'channel-3-password')).toThrow(/altered/);
    expect(() => unseal(randomBytes(32).toString('hex'), sealed, 'channel-3-password')).toThrow(/altered/);
    expect(() => unseal(key, 'garbage', 'channel-3-password')).toThrow(/damaged/);
  });
});
