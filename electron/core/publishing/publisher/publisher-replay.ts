import { sql } from 'kysely';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { keyById } from '../../keys/keys.repo';
import { allPublishers } from './publisher.repo';
import { enrolmentDetails, signatureProblem } from './publisher-trust';

/**
 * Whether the publishers table exists: a staged SQLite copy from before it (a backup, a transfer
 * file) has none. PostgreSQL's baseline has had it from the first migration.
 */
async function hasPublishers(db: Db): Promise<boolean> {
  if (db.engine === 'postgres') return true;
  const found = await db.first(qb.selectFrom(sql<{ name: string; type: string }>`sqlite_master`.as('m')).select('m.name').where('m.type', '=', 'table').where('m.name', '=', 'publishers'));
  return found !== undefined;
}

/**
 * The publishers as the trail says they are, rebuilt during verify: each ok `publisher.enrol`
 * event (details { publisherId, signPublic }) adds one and makes it the current one. compare()
 * names every row the trail does not explain, whose signature no administrator made, or whose
 * current/retired state is not the trail's.
 */
export class PublisherReplay {
  private readonly enrolled = new Map<number, { actorId: unknown; signPublic: string }>();
  private current: number | null = null;

  note(action: string, outcome: string, details: string, actorId: unknown): void {
    if (action !== 'publisher.enrol' || outcome !== 'ok') return;
    const parsed = enrolmentDetails(details);
    if (parsed === null) return;
    this.enrolled.set(parsed.publisherId, { actorId, signPublic: parsed.signPublic });
    this.current = parsed.publisherId;
  }

  /** Call inside the walk's snapshot, so the table is read as of the same moment as the trail. */
  async compare(db: Db): Promise<string[]> {
    if (!(await hasPublishers(db))) return [];
    const vaultId = (await db.first(qb.selectFrom('vault').select('vault_id').where('id', '=', 1)))?.vault_id ?? '';
    const findings: string[] = [];
    const rows = await allPublishers(db);
    for (const row of rows) {
      const trail = this.enrolled.get(row.id);
      const signed = signatureProblem(vaultId, row, await keyById(db, row.signerKeyId));
      if (signed !== null) findings.push(signed);
      if (trail === undefined) findings.push(`publishers row ${row.id} is not explained by the trail: no administrator enrolled it`);
      else if (trail.actorId !== row.enrolledBy || trail.signPublic !== row.signPublic) findings.push(`publishers row ${row.id} was changed outside Custodian: it is not the key the trail says was enrolled`);
      else if ((row.retiredAt === null) !== (row.id === this.current)) {
        findings.push(`publishers row ${row.id} is ${row.retiredAt === null ? 'current' : 'retired'} but the trail says ${row.id === this.current ? 'current' : 'retired'}: it was changed outside Custodian`);
      }
    }
    for (const id of this.enrolled.keys()) if (!rows.some((row) => row.id === id)) findings.push(`publishers row ${id} is in the trail but missing from the table`);
    return findings;
  }
}
