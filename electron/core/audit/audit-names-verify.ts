import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { nameCommitment } from './audit-chain-v2';
import type { NameKind } from './audit-names.repo';

interface Use {
  kind: NameKind;
  subjectId: number;
  lastSeq: number;
}

interface NameRow {
  commitment: string;
  kind: NameKind;
  subject_id: number;
  salt: string | null;
  label: string | null;
  name: string | null;
}

const short = (commitment: string) => `${commitment.slice(0, 12)}…`;
const TABLE: Record<NameKind, { table: string; fields: string }> = {
  person: { table: 'people', fields: 'email or name' },
  channel: { table: 'channels', fields: 'handle or name' },
};

/** A subject's names now, as the side table writes them (label: email, or platform:handle). */
async function namesNow(db: Db, kind: NameKind, id: number): Promise<{ label: string; name: string } | undefined> {
  if (kind === 'person') {
    const row = await db.first(qb.selectFrom('people').select(['email', 'name']).where('id', '=', id));
    return row === undefined ? undefined : { label: row.email, name: row.name };
  }
  const row = await db.first(qb.selectFrom('channels').select(['platform', 'handle', 'name']).where('id', '=', id));
  return row === undefined ? undefined : { label: `${row.platform}:${row.handle}`, name: row.name };
}

/**
 * The commitments the chain refers to, gathered during the walk, then checked against the
 * side table (audit_names) and against today's people and channels rows:
 * - every row's salt and names must still give its commitment (an edited name is named);
 *   a row whose salt and names are all NULL was erased (data protection): that is allowed;
 * - every row must be referenced by an event, for the kind and subject it says;
 * - every commitment an event refers to must have its row;
 * - each subject's people/channels row must match its latest commitment's names: the app
 *   writes a new commitment with every change it makes, so a difference was made outside it.
 */
export class NameUses {
  private readonly uses = new Map<string, Use>();

  note(commitment: unknown, kind: NameKind, subjectId: unknown, seq: number): void {
    if (typeof commitment !== 'string' || typeof subjectId !== 'number') return;
    const use = this.uses.get(commitment);
    if (use === undefined) this.uses.set(commitment, { kind, subjectId, lastSeq: seq });
    else use.lastSeq = seq;
  }

  /** Awaits only the Db: call inside the walk's snapshot. */
  async check(db: Db): Promise<string[]> {
    const findings: string[] = [];
    const rows = new Map(((await db.all(qb.selectFrom('audit_names').select(['commitment', 'kind', 'subject_id', 'salt', 'label', 'name']))) as NameRow[]).map((r) => [r.commitment, r]));
    for (const row of rows.values()) {
      const what = `audit_names row ${short(row.commitment)} (${row.kind} ${row.subject_id})`;
      const erased = row.salt === null && row.label === null && row.name === null;
      if (!erased && (row.salt === null || row.label === null || row.name === null || nameCommitment(row.salt, row.label, row.name) !== row.commitment)) {
        findings.push(`${what} was edited: its names no longer match its commitment`);
      }
      const use = this.uses.get(row.commitment);
      if (use === undefined) findings.push(`${what} is referenced by no event: it was added outside Custodian`);
      else if (use.kind !== row.kind || use.subjectId !== row.subject_id) findings.push(`${what} names another ${use.kind} (${use.subjectId}) than its events do`);
    }
    const latest = new Map<string, { commitment: string; use: Use }>();
    for (const [commitment, use] of this.uses) {
      if (!rows.has(commitment)) findings.push(`the names committed to by event ${use.lastSeq} (${use.kind} ${use.subjectId}) are missing from audit_names`);
      const key = `${use.kind}:${use.subjectId}`;
      if ((latest.get(key)?.use.lastSeq ?? 0) < use.lastSeq) latest.set(key, { commitment, use });
    }
    for (const { commitment, use } of latest.values()) {
      const row = rows.get(commitment);
      if (row === undefined || row.salt === null) continue;
      const now = await namesNow(db, use.kind, use.subjectId);
      if (now !== undefined && (now.label !== row.label || now.name !== row.name)) {
        findings.push(
          `${TABLE[use.kind].table} row ${use.subjectId} was changed outside Custodian: its ${TABLE[use.kind].fields} differs from the trail's latest record of it (event ${use.lastSeq})`,
        );
      }
    }
    return findings;
  }
}
