import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Platform } from '../../../../shared/domain/enums';
import { platformNames } from '../../../../shared/posts/platform-rules';
import { markReconnectNeeded } from '../../channels/connections.repo';
import { qb } from '../../db/sql';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import type { Vault } from '../../vault/vault';
import type { AdapterContext } from '../adapter-http';
import { leaseLive, releaseLease, stillHeld, takeLease, WAIT_STEP_MS } from './channel-lease';
import { oauthProviders } from './oauth-providers';
import { platformAppClient, platformAppProvider, platformAppRow } from './platform-apps.repo';
import { tokenRequest } from './token-endpoint';

/**
 * The access token a publishing attempt uses for a channel, refreshed when it is about to run
 * out (or when the platform has just said it has).
 *
 * One refresh at a time per channel: inside a process, callers share the refresh under way
 * (ten posts due at once make one request); across processes (the desktop app and a headless
 * runner on one vault), a short lease in channel_connections decides who refreshes and the
 * others wait for its result. Both matter because X rotates refresh tokens: a second refresh
 * with the old one would be refused and end the connection.
 *
 * A refused refresh (invalid_grant) marks the channel "reconnect needed": its posts wait and
 * the administrators are told. Every refresh is a credential use and is audited (never the token).
 *
 * A reconnect takes the same lease before it writes its new tokens (channel-lease.ts), so a
 * refresh whose answer comes back after that no longer holds the lease: it drops the answer
 * (audited as superseded) and uses the reconnect's token instead of writing over it.
 */

/** Refresh this long before the platform's expiry, so a token never runs out mid-upload. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export type TokenAnswer =
  | { kind: 'token'; token: string }
  /** The channel must be connected again (refresh refused, no refresh token, no app registration). */
  | { kind: 'reconnect'; reason: string }
  /** Not now (the sign-in service is down, the keychain is busy): the post waits for the next pass. */
  | { kind: 'later'; reason: string };

interface ChannelRef {
  id: number;
  platform: string;
  handle: string;
  school_id: number | null;
}

const inFlight = new Map<string, Promise<TokenAnswer>>();

export class ChannelTokens {
  constructor(
    private readonly vault: Vault,
    private readonly context: AdapterContext,
    /** Who the audit events name (null: no person; then `publisherId` names the publisher, if any). */
    private readonly actorId: number | null,
    private readonly publisherId: number | null = null,
  ) {}

  /** The publisher that runs the pass, in each event's details (it is no person: actor_id stays null). */
  private get by(): Record<string, unknown> {
    return this.publisherId === null ? {} : { publisher: this.publisherId };
  }

  /** The token to publish with now. `stale`: the platform just refused this token, so refresh whatever the expiry says. */
  async accessToken(channel: ChannelRef, options: { stale?: string } = {}): Promise<TokenAnswer> {
    const row = await this.connection(channel.id);
    if (row === undefined) return { kind: 'reconnect', reason: 'The channel is not connected.' };
    if (row.auth === 'oauth' && (options.stale !== undefined || this.expiring(row.token_expires_at))) {
      if (!oauthProviders[channel.platform as Platform].refreshes) {
        // Facebook's Page token and Instagram's long-lived user token (meta-connect.ts) are not refreshed: only a new sign-in helps.
        if (options.stale !== undefined) return { kind: 'reconnect', reason: `The platform no longer accepts ${channel.platform === 'instagram' ? 'the sign-in (an Instagram sign-in lasts about 60 days)' : 'the Page token'}.` };
      } else {
        const key = `${this.vault.dataDir}\u0000${channel.id}`;
        let shared = inFlight.get(key);
        if (shared === undefined) {
          shared = this.refresh(channel, options.stale).finally(() => inFlight.delete(key));
          inFlight.set(key, shared);
        }
        return shared;
      }
    }
    return this.stored(channel.id);
  }

  private connection(channelId: number) {
    return this.vault.data.first(
      qb.selectFrom('channel_connections').select(['auth', 'token_expires_at', 'status', 'refresh_owner', 'refresh_until']).where('channel_id', '=', channelId),
    );
  }

  private expiring(expiresAt: string | null): boolean {
    return expiresAt !== null && Date.parse(expiresAt) - this.vault.clock.now().getTime() <= REFRESH_MARGIN_MS;
  }

  private async stored(channelId: number): Promise<TokenAnswer> {
    try {
      const token = await this.vault.secrets.get(ACCOUNTS.channelToken(channelId));
      return token === null ? { kind: 'reconnect', reason: 'The keychain holds no API token for the channel.' } : { kind: 'token', token };
    } catch {
      return { kind: 'later', reason: 'The keychain could not be read.' };
    }
  }

  private async refresh(channel: ChannelRef, stale: string | undefined): Promise<TokenAnswer> {
    const owner = randomUUID();
    const before = (await this.connection(channel.id))?.token_expires_at ?? null;
    // Take the lease, or wait for whoever holds it and use what they got.
    for (;;) {
      // One conditional UPDATE, atomic by itself: no transaction is held while others wait.
      if (await takeLease(this.vault.data, this.vault.clock, channel.id, owner)) break;
      await delay(WAIT_STEP_MS);
      const row = await this.connection(channel.id);
      if (row === undefined || row.status !== 'connected') return { kind: 'reconnect', reason: row?.status === 'reconnect-needed' ? 'The sign-in was refused.' : 'The channel is not connected.' };
      if (row.refresh_owner === null && row.token_expires_at !== before) return this.stored(channel.id);
    }
    try {
      const row = await this.connection(channel.id);
      if (row === undefined) return { kind: 'reconnect', reason: 'The channel is not connected.' };
      // Another process refreshed between our look and our lease: use its token.
      if (row.token_expires_at !== before && !this.expiring(row.token_expires_at)) return await this.stored(channel.id);
      return await this.exchange(channel, stale, owner);
    } finally {
      await releaseLease(this.vault.data, channel.id, owner);
    }
  }

  /**
   * After a refresh lost the lease to a reconnect: the reconnect's token, once it has written it
   * (it holds the lease while it writes the keychain, and gives it back when the row says connected).
   */
  private async superseded(channelId: number): Promise<TokenAnswer> {
    for (;;) {
      const row = await this.connection(channelId);
      if (row === undefined || row.status !== 'connected') return { kind: 'reconnect', reason: 'The channel is not connected.' };
      if (!leaseLive(row, this.vault.clock.now())) return this.stored(channelId);
      await delay(WAIT_STEP_MS);
    }
  }

  /**
   * Read, call, write: the app registration and the keychain are read first, the token endpoint
   * is called with no transaction open, and only the outcome is written, in one transaction.
   */
  private async exchange(channel: ChannelRef, stale: string | undefined, owner: string): Promise<TokenAnswer> {
    const platform = channel.platform as Platform;
    const app = await platformAppRow(this.vault.data, platform);
    let refreshToken: string | null;
    let client: Awaited<ReturnType<typeof platformAppClient>>;
    try {
      refreshToken = await this.vault.secrets.get(ACCOUNTS.channelRefreshToken(channel.id));
      client = await platformAppClient(this.vault, platform);
    } catch {
      return { kind: 'later', reason: 'The keychain could not be read.' };
    }
    if (refreshToken === null || client === null || app === undefined) {
      return await this.lapse(channel, refreshToken === null ? 'Custodian holds no refresh token for it.' : `The ${platform} app registration is missing (custodian platform app).`, 'missing');
    }
    // LinkedIn's native PKCE flow refreshes without the secret, like its sign-in.
    const provider = platformAppProvider(app);
    const answer = await tokenRequest(this.context, provider, app.token_url ?? provider.tokenUrl, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
    refreshToken = null;
    const audit = (outcome: 'ok' | 'error', details: Record<string, unknown>) =>
      this.vault.audit.append({
        actorId: this.actorId,
        action: 'channel.token_refresh',
        target: `channel:${channel.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome,
        details: { platform, ...(stale === undefined ? { why: 'expiring' } : { why: 'refused by the platform' }), ...details, ...this.by },
      });
    // Right before anything is written: only while this refresh still holds the channel's lease.
    // A reconnect took it meanwhile (or a runner after ours ran out): its tokens stand, this answer
    // (new tokens, or a refusal of the old grant) is dropped unwritten.
    if (answer.kind !== 'unavailable' && !(await stillHeld(this.vault.data, this.vault.clock, channel.id, owner))) {
      await audit('error', { result: 'superseded' });
      return await this.superseded(channel.id);
    }
    switch (answer.kind) {
      case 'tokens': {
        try {
          await this.vault.secrets.set(ACCOUNTS.channelToken(channel.id), answer.accessToken);
          // X rotates the refresh token; Google and LinkedIn keep the old one (none comes back).
          if (answer.refreshToken !== null) await this.vault.secrets.set(ACCOUNTS.channelRefreshToken(channel.id), answer.refreshToken);
        } catch {
          await audit('error', { result: 'keychain' });
          return { kind: 'later', reason: 'The new token could not be written to the keychain.' };
        }
        const expiresAt = answer.expiresInSeconds === null ? null : new Date(this.vault.clock.now().getTime() + answer.expiresInSeconds * 1000).toISOString();
        await this.vault.data.transaction(async () => {
          // Only while this refresh still holds the channel's lease: a runner that took it over
          // after ours ran out (or a disconnect, which drops the row) has the newer word on the expiry.
          await this.vault.data.run(
            qb
              .updateTable('channel_connections')
              .set({ token_expires_at: expiresAt, last_error: null })
              .where('channel_id', '=', channel.id)
              .where('refresh_owner', '=', owner),
          );
          await audit('ok', { result: 'refreshed', rotated: answer.refreshToken !== null });
        });
        return { kind: 'token', token: answer.accessToken };
      }
      case 'invalid-grant':
        return await this.lapse(channel, answer.message, 'invalid_grant', audit);
      case 'refused':
        return await this.lapse(channel, answer.message, 'refused', audit);
      case 'unavailable':
        await audit('error', { result: 'unavailable' });
        return { kind: 'later', reason: answer.message };
    }
  }

  private async lapse(channel: ChannelRef, why: string, result: string, audit?: (outcome: 'error', details: Record<string, unknown>) => void): Promise<TokenAnswer> {
    const reason = `The connection to ${platformNames[channel.platform as Platform] ?? channel.platform} has lapsed: ${why.replace(/\.?$/, '.')} Connect the channel again.`;
    await this.vault.data.transaction(async () => {
      if (audit) await audit('error', { result });
      else
        await this.vault.audit.append({
          actorId: this.actorId,
          action: 'channel.token_refresh',
          target: `channel:${channel.id}`,
          channelId: channel.id,
          schoolId: channel.school_id,
          outcome: 'error',
          details: { result, ...this.by },
        });
      await markReconnectNeeded(this.vault.data, channel, reason, this.vault.clock.now().toISOString());
    });
    return { kind: 'reconnect', reason };
  }
}
