import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { chainMacKey } from './audit-chain';
import { commitNames } from './audit-names.repo';
import type { AuditEventInput, AuditHead } from './audit.repo';
import type { AuditTrail } from './audit-trail';
import { chainedEventV2, eventSubjects } from './chained-event';
import { NameCommitments } from './name-commitments';

const headQuery = () => qb.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1);

/**
 * Appends to the trail through the Db port, on either engine. The head is read inside the
 * write transaction: on SQLite BEGIN IMMEDIATE, on PostgreSQL the trail's advisory lock that
 * every write transaction takes first (postgres-db.ts), so two writers never read the same head.
 * UNIQUE(seq) and, on PostgreSQL, UNIQUE(prev_hash) refuse a fork even from a writer that
 * skipped the lock. Trail v2 only: the engines' migrations both have it.
 */
export class AuditAppender implements AuditTrail {
  private readonly macKey: KeyObject;
  private onAppend: (() => void) | null = null;
  private readonly commitments = new NameCommitments();

  constructor(
    private readonly db: Db,
    macKeyHex: string,
    private readonly now: () => Date,
  ) {
    this.macKey = chainMacKey(macKeyHex);
  }

  /** Inside the caller's transaction (the change it records), or in one of its own. */
  async append(event: AuditEventInput, at?: Date): Promise<AuditHead> {
    if (this.db.inTransaction()) return this.appendInTransaction(event, at);
    return this.db.transaction(() => this.appendInTransaction(event, at));
  }

  async head(): Promise<AuditHead | null> {
    return (await this.db.first(headQuery())) ?? null;
  }

  async hashAt(seq: number): Promise<string | null> {
    return (await this.db.first(qb.selectFrom('audit_events').select('hash').where('seq', '=', seq)))?.hash ?? null;
  }

  setAppendListener(listener: () => void): void {
    this.onAppend = listener;
  }

  private async appendInTransaction(event: AuditEventInput, at_: Date | undefined): Promise<AuditHead> {
    const previous = await this.db.first(headQuery());
    const at = (at_ ?? this.now()).toISOString();
    const subjects = eventSubjects(event);
    const commit = (kind: 'person' | 'channel', id: number | null) => commitNames(this.db, this.commitments, kind, id, at);
    const channel = await commit('channel', subjects.channel);
    const actor = await commit('person', subjects.actor);
    const target = subjects.targetIsChannel ? channel : subjects.otherTarget === null ? null : await commit(subjects.otherTarget.kind, subjects.otherTarget.id);
    const row = chainedEventV2(previous, event, at, { actor, target, channel }, this.macKey);
    await this.db.run(qb.insertInto('audit_events').values(row));
    this.onAppend?.();
    return { seq: row.seq, hash: row.hash };
  }
}
