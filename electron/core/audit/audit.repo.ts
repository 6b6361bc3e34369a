import type { KeyObject } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditOutcome } from '../../../shared/domain/enums';
import type { Db } from '../db/db.port';
import { SqliteDb } from '../db/sqlite-db';
import type { Sql } from '../db/sql';
import { canonicalDetails, chainHash, chainMac, chainMacKey, GENESIS_HASH } from './audit-chain';
import { AuditNames, hasTrailV2 } from './audit-names.repo';
import { chainedEventV2, eventSubjects } from './chained-event';
import type { AuditTrail } from './audit-trail';

export interface AuditEventInput {
  actorId: number | null;
  action: string;
  target?: string | null;
  channelId?: number | null;
  schoolId?: number | null;
  reason?: string | null;
  outcome: AuditOutcome;
  /** Never a secret value: ids, names of fields changed, counts. */
  details?: Record<string, unknown>;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

const HEAD_SQL = 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1';
const HASH_AT_SQL = 'SELECT hash FROM audit_events WHERE seq = ?';
const INSERT_V1_SQL =
  'INSERT INTO audit_events (seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_SQL =
  'INSERT INTO audit_events (seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, ' +
  'version, actor_commit, target_commit, channel_commit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

interface Statements {
  head: BetterSqlite3.Statement<[], AuditHead>;
  hashAt: BetterSqlite3.Statement<[number], { hash: string }>;
  insert: BetterSqlite3.Statement<unknown[]>;
  /** Null on a database not migrated to trail v2 yet (a staged transfer or backup copy): v1 events. */
  names: AuditNames | null;
  /** append in its own IMMEDIATE transaction, when the caller has none. */
  appendAlone: BetterSqlite3.Transaction<(event: AuditEventInput, at: Date | undefined) => AuditHead>;
}

/**
 * Appends to the chain. Call it inside the same vault.data transaction as the change it records:
 * reading the head and inserting must not interleave with another writer (IMMEDIATE
 * transactions take the write lock up front). The head is read inside the transaction on
 * every append, never remembered between transactions: the desktop app and the CLI may
 * append to the same vault. Appends are hot (one per action, each its own fsync), so the
 * statements are prepared once per vault rather than built and compiled per event.
 */
export class AuditLog implements AuditTrail {
  private onAppend: (() => void) | null = null;
  private statements: Statements | null = null;
  private readonly macKey: KeyObject;

  constructor(
    private readonly sql: Sql,
    macKeyHex: string,
    private readonly now: () => Date,
    /** The vault's Db over the same connection (append's door); null for a staged copy driven raw. */
    private readonly data: Db | null = null,
  ) {
    this.macKey = chainMacKey(macKeyHex);
  }

  /** Prepared on first use, so a log built before the table exists (or never used) costs nothing. */
  private prepared(): Statements {
    if (this.statements === null) {
      const db = this.sql.raw;
      const v2 = hasTrailV2(db);
      this.statements = {
        head: db.prepare<[], AuditHead>(HEAD_SQL),
        hashAt: db.prepare<[number], { hash: string }>(HASH_AT_SQL),
        insert: db.prepare<unknown[]>(v2 ? INSERT_SQL : INSERT_V1_SQL),
        names: v2 ? new AuditNames(db) : null,
        appendAlone: db.transaction((event: AuditEventInput, at: Date | undefined) => this.appendInTransaction(event, at)),
      };
    }
    return this.statements;
  }

  /** The anchor keeper listens here; it writes the head to the keychain after the commit. */
  setAppendListener(listener: () => void): void {
    this.onAppend = listener;
  }

  /** The head as committed (or as this connection's open transaction sees it), read synchronously: raw work and tests. */
  headSync(): AuditHead | null {
    return this.prepared().head.get() ?? null;
  }

  hashAtSync(seq: number): string | null {
    return this.prepared().hashAt.get(seq)?.hash ?? null;
  }

  head(): Promise<AuditHead | null> {
    return Promise.resolve(this.headSync());
  }

  hashAt(seq: number): Promise<string | null> {
    return Promise.resolve(this.hashAtSync(seq));
  }

  /**
   * The vault's door: inside the caller's vault.data transaction (the change it records), or in
   * one of its own, which waits for another context's transaction to end rather than joining it.
   */
  async append(event: AuditEventInput, at?: Date): Promise<AuditHead> {
    const data = this.data;
    if (data === null) throw new Error('This audit log is for a database driven raw: use appendSync.');
    if (data.inTransaction()) return this.appendInTransaction(event, at);
    // Nobody holds the connection: the append is synchronous, so better-sqlite3's own IMMEDIATE
    // transaction (BEGIN and COMMIT prepared once) runs it within this turn of the event loop, and
    // no other context can start a transaction in between. The same transaction as below without
    // its machinery for bodies that await (the context's store, promises, the waiters' promise).
    if (data instanceof SqliteDb && data.idle()) return this.prepared().appendAlone.immediate(event, at);
    return data.transaction(async () => this.appendInTransaction(event, at));
  }

  /**
   * For a database its caller drives itself with better-sqlite3 (a staged restore, a transfer
   * file, the bench's growth): inside the connection's open transaction, or one of its own.
   */
  appendSync(event: AuditEventInput, at?: Date): AuditHead {
    if (!this.sql.raw.inTransaction) return this.prepared().appendAlone.immediate(event, at);
    return this.appendInTransaction(event, at);
  }

  private appendInTransaction(event: AuditEventInput, at_: Date | undefined): AuditHead {
    const statements = this.prepared();
    // Inside the write lock: no other process can move the head until this commits.
    const previous = statements.head.get();
    const at = (at_ ?? this.now()).toISOString();
    const { names } = statements;
    if (names === null) return this.appendV1(statements, previous, event, at);
    // Who and what as they are now, so later edits of people or channels cannot re-attribute this event.
    const subjects = eventSubjects(event);
    const both = names.commitChannelAndPerson(subjects.channel, subjects.actor, at);
    const commits = {
      actor: both.person,
      target: subjects.targetIsChannel ? both.channel : subjects.otherTarget === null ? null : names.commit(subjects.otherTarget.kind, subjects.otherTarget.id, at),
      channel: both.channel,
    };
    const row = chainedEventV2(previous, event, at, commits, this.macKey);
    statements.insert.run(row.seq, row.at, row.actor_id, row.action, row.target, row.channel_id, row.school_id, row.reason, row.outcome, row.details,
      row.prev_hash, row.hash, row.mac, row.version, row.actor_commit, row.target_commit, row.channel_commit);
    this.onAppend?.();
    return { seq: row.seq, hash: row.hash };
  }

  /** A database not yet migrated to trail v2 (a staged copy) gets v1 events: ids only. */
  private appendV1(statements: Statements, previous: AuditHead | undefined, event: AuditEventInput, at: string): AuditHead {
    const seq = (previous?.seq ?? 0) + 1;
    const prevHash = previous?.hash ?? GENESIS_HASH;
    const details = canonicalDetails(event.details ?? {});
    const target = event.target ?? null;
    const [actorId, channelId, schoolId, reason] = [event.actorId, event.channelId ?? null, event.schoolId ?? null, event.reason ?? null];
    const hash = chainHash(prevHash, { seq, at, actor_id: actorId, action: event.action, target, channel_id: channelId, school_id: schoolId, reason, outcome: event.outcome, details });
    statements.insert.run(seq, at, actorId, event.action, target, channelId, schoolId, reason, event.outcome, details, prevHash, hash, chainMac(this.macKey, hash));
    this.onAppend?.();
    return { seq, hash };
  }
}
