import { randomBytes } from 'node:crypto';
import { nameCommitment } from './audit-chain-v2';

/** A subject's names now, with one side-table row that holds the same names (or none: nulls). */
export interface NameCandidate {
  label: string;
  name: string;
  commitment: string | null;
  salt: string | null;
}

/** Past this many, the memo of checked rows starts again: a trust has far fewer people and channels. */
const MEMO_LIMIT = 20_000;

/**
 * Which commitment an event uses for a name, on either engine. A side-table row naming the
 * subject exactly as it is named now is reused when its commitment holds; otherwise a new salted
 * row is made. The rows are read on every append (nothing in memory can go stale across the
 * processes that share a vault), but a row's commitment is rehashed only the first time this
 * process sees exactly that row: a row edited on disk differs from the memo and is checked again.
 */
export class NameCommitments {
  private readonly checked = new Map<string, { salt: string; label: string; name: string }>();

  /** The commitment of a candidate that holds, or null when a new row is needed. */
  reusable(candidates: readonly NameCandidate[]): string | null {
    for (const row of candidates) {
      if (row.commitment !== null && row.salt !== null && this.holds(row.commitment, row.salt, row.label, row.name)) return row.commitment;
    }
    return null;
  }

  /** A new salted commitment to these names, for a new side-table row. */
  fresh(label: string, name: string): { commitment: string; salt: string } {
    const salt = randomBytes(16).toString('hex');
    const commitment = nameCommitment(salt, label, name);
    this.remember(commitment, salt, label, name);
    return { commitment, salt };
  }

  private holds(commitment: string, salt: string, label: string, name: string): boolean {
    const known = this.checked.get(commitment);
    if (known !== undefined && known.salt === salt && known.label === label && known.name === name) return true;
    if (nameCommitment(salt, label, name) !== commitment) return false;
    this.remember(commitment, salt, label, name);
    return true;
  }

  private remember(commitment: string, salt: string, label: string, name: string): void {
    if (this.checked.size >= MEMO_LIMIT) this.checked.clear();
    this.checked.set(commitment, { salt, label, name });
  }
}
