import { randomBytes } from 'node:crypto';
import type { CredentialImportView } from '../../../shared/contract/views';
import type { Clock } from '../clock';

/** How long a chosen file is kept after its preview: long enough to read it, not a whole day. */
export const CHOSEN_IMPORT_TTL_MS = 10 * 60 * 1000;

export type ChosenFileKind = { kind: 'register' } | { kind: 'credentials'; format: CredentialImportView['format'] };

export type ChosenImport = ChosenFileKind & { fileName: string; content: string };

interface Kept {
  token: string;
  expiresAt: number;
  file: ChosenImport;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Files chosen for import in the window, kept in the core's memory between their preview and
 * the person's "Import": only for the session that chose them, for 10 minutes at most, and
 * forgotten once applied or discarded, on a new choice of the same kind, or at sign-out (which
 * is also how the window locks). The text of a password manager's export is here and nowhere
 * else; JavaScript cannot wipe a string, so forgetting is dropping the last reference.
 */
export class ChosenImports {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly ttlMs = CHOSEN_IMPORT_TTL_MS) {}

  keep(token: string, file: ChosenImport, clock: Clock): string {
    // One file of a kind per session: choosing again replaces the earlier one.
    for (const [id, k] of this.kept) if (k.token === token && k.file.kind === file.kind) this.forget(id);
    const id = randomBytes(18).toString('base64url');
    // The clock decides expiry (tests move it); the timer drops the text even if nobody asks again.
    const timer = setTimeout(() => this.forget(id), this.ttlMs);
    timer.unref?.();
    this.kept.set(id, { token, expiresAt: clock.now().getTime() + this.ttlMs, file, timer });
    return id;
  }

  /** The file, taken out of the store: another session's, an expired or unknown id is undefined. */
  take(token: string, id: string, clock: Clock): ChosenImport | undefined {
    const k = this.kept.get(id);
    if (k === undefined || k.token !== token) return undefined;
    this.forget(id);
    return k.expiresAt > clock.now().getTime() ? k.file : undefined;
  }

  /** Forgets a file of this session's; another session's id is left alone. */
  discard(token: string, id: string): void {
    if (this.kept.get(id)?.token === token) this.forget(id);
  }

  /** Everything a session chose (at sign-out or lock). */
  forgetSession(token: string): void {
    for (const [id, k] of this.kept) if (k.token === token) this.forget(id);
  }

  get size(): number {
    return this.kept.size;
  }

  private forget(id: string): void {
    const k = this.kept.get(id);
    if (k === undefined) return;
    clearTimeout(k.timer);
    this.kept.delete(id);
  }
}
