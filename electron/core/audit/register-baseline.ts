import type { Vault } from '../vault/vault';
import { qb } from '../db/sql';
import { trailHasV2 } from './trail-verify.repo';
import { readRegisterSnapshot, registerDigest, REGISTER_SNAPSHOT_ACTION } from './register-snapshot';

/**
 * An older vault's v1 events did not record every change to the register and the roles, so
 * verify cannot replay them from nothing. At its first open with trail v2 (its newest event
 * still v1) the register as it is then becomes the baseline, as an event of the system's.
 * In one write transaction, so the app and the CLI opening together write it once.
 */
export async function ensureRegisterBaseline(vault: Vault): Promise<void> {
  // Opened by a build that lacks trail v2's migration (tests of upgrades do that): nothing to do yet.
  if (!(await trailHasV2(vault.data))) return;
  await vault.data.transaction(async () => {
    const latest = await vault.data.first(qb.selectFrom('audit_events').select('version').orderBy('seq', 'desc').limit(1));
    if (latest === undefined || latest.version !== 1) return;
    const register = await readRegisterSnapshot(vault.data);
    await vault.audit.append({
      actorId: null,
      action: REGISTER_SNAPSHOT_ACTION,
      target: 'register',
      outcome: 'ok',
      details: { register, digest: registerDigest(register), reason: 'upgrade to trail v2' },
    });
  });
}
