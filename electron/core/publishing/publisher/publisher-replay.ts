import type BetterSqlite3 from 'better-sqlite3';
import { Sql } from '../../db/sql';
import { keyByIdSync } from '../../keys/keys.repo';
import { allPublishers } from './publisher.repo';
import { enrolmentDetails, signatureProblem } from './publisher-trust';

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

  compare(db: BetterSqlite3.Database): string[] {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'publishers'").get() !== undefined;
    if (!hasTable) return [];
    const sql = new Sql(db);
    const vaultId = (db.prepare('SELECT vault_id FROM vault WHERE id = 1').get() as { vault_id: string } | undefined)?.vault_id ?? '';
    const findings: string[] = [];
    const rows = allPublishers(sql);
    for (const row of rows) {
      const trail = this.enrolled.get(row.id);
      const signed = signatureProblem(vaultId, row, keyByIdSync(sql, row.signerKeyId));
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
