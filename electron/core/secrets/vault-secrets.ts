import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from './secret-store';
import { CoreError } from '../errors';

/** Keychain entries of one vault live under their own service name, so vaults never mix. */
export function vaultService(vaultId: string): string {
  return `Custodian vault ${vaultId}`;
}

export const ACCOUNTS = {
  auditMacKey: 'audit-mac-key',
  auditAnchor: 'audit-anchor',
  sealKey: 'seal-key',
  /** The Ed25519 private key (PKCS#8, base64) that signs review packs: created on first export. */
  reviewSigningKey: 'review-signing-key',
  /**
   * The publisher key of this computer, in plain (publishing/publisher/publisher-key.ts): it
   * publishes without a passphrase and opens no secret (no wrap is ever sealed to it).
   */
  publisherKey: 'publisher-key',
  /** Before holders' keys only: a channel's secret in plain. Read once to move it, then deleted. */
  channelSecret: (channelId: number, kind: string) => `channel-${channelId}-${kind}`,
  /**
   * The trust root (keys/trust-root.ts): its Ed25519 public half, pinned here so that a database
   * edit cannot swap it; and its private half, sealed to the administrator who holds it.
   */
  trustRootPublic: 'trust-root-public',
  trustRootSealed: 'trust-root-sealed',
  /** A person's key (X25519 + Ed25519 private halves), sealed under their passphrase (keys/person-key.ts). */
  personKey: (personId: number) => `person-${personId}-key`,
  /** A channel's publishing API token (channel.connect): keychain only, never sealed into the database. */
  channelToken: (channelId: number) => `channel-${channelId}-api-token`,
  /** An OAuth connection's refresh token (rotated on each refresh by X): keychain only. */
  channelRefreshToken: (channelId: number) => `channel-${channelId}-refresh-token`,
  /** The trust's app registration on a platform: the client id and, where needed, the client secret. */
  platformClientId: (platform: string) => `platform-${platform}-client-id`,
  platformClientSecret: (platform: string) => `platform-${platform}-client-secret`,
} as const;

/**
 * Windows Credential Manager keeps at most 2,560 bytes per entry, so values over ~1 KB are
 * sealed (AES-256-GCM) into the database under a key that lives in the keychain.
 */
export const KEYCHAIN_VALUE_LIMIT = 1024;

export class VaultSecrets {
  readonly service: string;
  constructor(
    private readonly store: SecretStore,
    vaultId: string,
  ) {
    this.service = vaultService(vaultId);
  }

  get(account: string): Promise<string | null> {
    return this.store.get(this.service, account);
  }
  set(account: string, value: string): Promise<void> {
    return this.store.set(this.service, account, value);
  }
  delete(account: string): Promise<boolean> {
    return this.store.delete(this.service, account);
  }

  async require(account: string, what: string): Promise<string> {
    const value = await this.get(account);
    if (value === null) {
      throw new CoreError('secret_missing', `The keychain has no ${what} for this vault (entry ${account} in "${this.service}").`);
    }
    return value;
  }
}

/** `binding` (the entry's account name) is authenticated too, so a sealed value cannot be moved to another row. */
export function seal(keyHex: string, plaintext: string, binding: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function unseal(keyHex: string, sealed: string, binding: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
    throw new CoreError('internal', 'A sealed secret in the database is damaged.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new CoreError('internal', 'A sealed secret in the database could not be opened: it was altered or its key changed.');
  }
}
