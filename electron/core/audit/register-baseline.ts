import type { Vault } from '../vault/vault';
import { hasTrailV2 } from './audit-names.repo';
import { readRegisterSnapshot, registerDigest, REGISTER_SNAPSHOT_ACTION } from './register-snapshot';

/**
 * An older vault's v1 events did not record every change to the register and the roles, so
 * verify cannot replay them from nothing. At its first open with trail v2 (its newest event
 * still v1) the register as it is then becomes the baseline, as an event of the system's.
 * In one write transaction, so the app and the CLI opening together write it once.
 */
export function ensureRegisterBaseline(vault: Vault): void {
  // Opened by a build that lacks trail v2's migration (tests of upgrades do that): nothing to do yet.
  if (!hasTrailV2(vault.db)) return;
  const head = vault.db.prepare('SELECT version FROM audit_events ORDER BY seq DESC LIMIT 1');
  vault.sql.transaction(() => {
    const latest = head.get() as { version: number } | undefined;
    if (latest === undefined || latest.version !== 1) return;
    const register = readRegisterSnapshot(vault.sql);
    vault.audit.append({
      actorId: null,
      action: REGISTER_SNAPSHOT_ACTION,
      target: 'register',
      outcome: 'ok',
      details: { register, digest: registerDigest(register), reason: 'upgrade to trail v2' },
    });
  });
}
