import type { AuditOutcome } from '../../../shared/domain/enums';
import { qb, type Sql } from '../db/sql';
import { canonicalDetails, chainHash, chainMac, GENESIS_HASH, type ChainFields } from './audit-chain';

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

/**
 * Appends to the chain. Call it inside the same Sql.transaction as the change it records:
 * reading the head and inserting must not interleave with another writer (IMMEDIATE
 * transactions take the write lock up front).
 */
export class AuditLog {
  private onAppend: (() => void) | null = null;
  constructor(
    private readonly sql: Sql,
    private readonly macKeyHex: string,
    private readonly now: () => Date,
  ) {}

  /** The anchor keeper listens here; it writes the head to the keychain after the commit. */
  setAppendListener(listener: () => void): void {
    this.onAppend = listener;
  }

  head(): AuditHead | null {
    const row = this.sql.first(qb.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
    return row ?? null;
  }

  hashAt(seq: number): string | null {
    return this.sql.first(qb.selectFrom('audit_events').select('hash').where('seq', '=', seq))?.hash ?? null;
  }

  append(event: AuditEventInput, at?: Date): AuditHead {
    if (!this.sql.raw.inTransaction) {
      return this.sql.transaction(() => this.append(event, at));
    }
    const previous = this.head();
    const fields: ChainFields = {
      seq: (previous?.seq ?? 0) + 1,
      at: (at ?? this.now()).toISOString(),
      actor_id: event.actorId,
      action: event.action,
      target: event.target ?? null,
      channel_id: event.channelId ?? null,
      school_id: event.schoolId ?? null,
      reason: event.reason ?? null,
      outcome: event.outcome,
      details: canonicalDetails(event.details ?? {}),
    };
    const prevHash = previous?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, fields);
    this.sql.run(
      qb.insertInto('audit_events').values({ ...fields, prev_hash: prevHash, hash, mac: chainMac(this.macKeyHex, hash) }),
    );
    this.onAppend?.();
    return { seq: fields.seq, hash };
  }
}
