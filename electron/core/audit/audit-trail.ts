import type { AuditEventInput, AuditHead } from './audit.repo';

/**
 * The vault's trail as the core sees it, on either engine: AuditLog on a SQLite file (prepared
 * statements, the hot path of one computer), AuditAppender through the Db port on PostgreSQL.
 */
export interface AuditTrail {
  /** Inside the caller's transaction (the change it records), or in one of its own. */
  append(event: AuditEventInput, at?: Date): Promise<AuditHead>;
  /** The newest committed event (or, inside a transaction, the newest it sees). */
  head(): Promise<AuditHead | null>;
  /** The hash of the event at seq, or null when the trail has none. */
  hashAt(seq: number): Promise<string | null>;
  /** The anchor keeper listens here: told after each append, it writes the head after the commit. */
  setAppendListener(listener: () => void): void;
}
