import type { Db } from '../db/db.port';
import { readRegisterSnapshot, type RegisterSnapshot } from './register-snapshot';

interface Grant {
  channelId: number;
  personId: number;
  revoked: 0 | 1;
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/**
 * The register (access_grants) and console roles (operators) as the trail says they are,
 * rebuilt event by event during verify. The rules, which every writer of those tables follows:
 * - an event whose details carry `register` (a RegisterSnapshot) resets the replay to it;
 * - an ok `access.grant` with details { grantId, channelId, personId } adds that grant;
 * - an ok `access.revoke` with details { grantId, channelId, personId } revokes it;
 * - an ok event whose details carry a numeric `personId` and a `consoleRole` key sets that
 *   person's console role (null: no operator row).
 * A trail that starts with v1 events has no baseline until its upgrade's snapshot: before
 * that nothing can be compared (a backup of an old vault, say), so nothing is.
 */
export class RegisterReplay {
  private grants = new Map<number, Grant>();
  private roles = new Map<number, string>();
  private baseline = false;

  /** A trail whose first event is v2 starts from the empty register of a new vault. */
  startEmpty(): void {
    this.baseline = true;
  }

  note(action: string, outcome: string, details: string): void {
    // Cheap string tests first: a million events, few of which touch the register.
    const snapshot = details.includes('"register":');
    const role = details.includes('"consoleRole":');
    if (!snapshot && !role && action !== 'access.grant' && action !== 'access.revoke') return;
    if (outcome !== 'ok') return;
    const parsed = JSON.parse(details) as Record<string, unknown>;
    if (snapshot && isSnapshot(parsed.register)) {
      this.reset(parsed.register);
      return;
    }
    if (action === 'access.grant' || action === 'access.revoke') {
      const { grantId, channelId, personId } = parsed;
      if (isId(grantId) && isId(channelId) && isId(personId)) {
        this.grants.set(grantId, { channelId, personId, revoked: action === 'access.revoke' ? 1 : 0 });
      }
    }
    if (role && isId(parsed.personId)) {
      if (typeof parsed.consoleRole === 'string') this.roles.set(parsed.personId, parsed.consoleRole);
      else if (parsed.consoleRole === null) this.roles.delete(parsed.personId);
    }
  }

  private reset(snapshot: RegisterSnapshot): void {
    this.grants = new Map(snapshot.grants.map(([id, channelId, personId, revoked]) => [id, { channelId, personId, revoked }]));
    this.roles = new Map(snapshot.roles);
    this.baseline = true;
  }

  /** Every access_grants and operators row the trail does not explain, and every one it misses. */
  async compare(db: Db): Promise<string[]> {
    if (!this.baseline) return [];
    const tables = await readRegisterSnapshot(db);
    const findings: string[] = [];
    const seen = new Set<number>();
    for (const [id, channelId, personId, revoked] of tables.grants) {
      seen.add(id);
      const row = `access_grants row ${id} (person ${personId}, channel ${channelId}${revoked === 1 ? ', revoked' : ''})`;
      const trail = this.grants.get(id);
      if (trail === undefined) findings.push(`${row} is not explained by the trail`);
      else if (trail.channelId !== channelId || trail.personId !== personId || trail.revoked !== revoked) {
        findings.push(`${row} was changed outside Custodian: the trail says person ${trail.personId}, channel ${trail.channelId}, ${trail.revoked === 1 ? 'revoked' : 'current'}`);
      }
    }
    for (const [id, trail] of this.grants) {
      if (!seen.has(id)) findings.push(`access_grants row ${id} (person ${trail.personId}, channel ${trail.channelId}) is in the trail but missing from the table`);
    }
    const roles = new Map(tables.roles);
    for (const [personId, role] of roles) {
      const trail = this.roles.get(personId);
      if (trail === undefined) findings.push(`operators row of person ${personId} (${role}) is not explained by the trail`);
      else if (trail !== role) findings.push(`operators row of person ${personId} is ${role} but the trail says ${trail}: it was changed outside Custodian`);
    }
    for (const [personId, trail] of this.roles) {
      if (!roles.has(personId)) findings.push(`operators row of person ${personId} (${trail}) is in the trail but missing from the table`);
    }
    return findings;
  }
}

function isSnapshot(value: unknown): value is RegisterSnapshot {
  if (value === null || typeof value !== 'object') return false;
  const { grants, roles } = value as Record<string, unknown>;
  return (
    Array.isArray(grants) &&
    grants.every((g) => Array.isArray(g) && g.length === 4 && isId(g[0]) && isId(g[1]) && isId(g[2]) && (g[3] === 0 || g[3] === 1)) &&
    Array.isArray(roles) &&
    roles.every((r) => Array.isArray(r) && r.length === 2 && isId(r[0]) && typeof r[1] === 'string')
  );
}
