import type { VaultSecrets } from '../secrets/vault-secrets';
import { ACCOUNTS } from '../secrets/vault-secrets';
import type { AuditHead } from './audit.repo';

/**
 * Keeps the latest (seq, hash) in the keychain so that cutting events off the end of the
 * trail is caught. Keychain calls are slow and async, so the anchor is written after the
 * commit: at most a second later, and always at close.
 */
export class AuditAnchor {
  private pending: AuditHead | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly secrets: VaultSecrets,
    private readonly onError: (error: unknown) => void,
  ) {}

  static async read(secrets: VaultSecrets): Promise<AuditHead | null> {
    const text = await secrets.get(ACCOUNTS.auditAnchor);
    if (text === null) return null;
    const parsed = JSON.parse(text) as AuditHead;
    return { seq: Number(parsed.seq), hash: String(parsed.hash) };
  }

  noteAppend(head: AuditHead): void {
    this.pending = head;
    if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), 1000);
      this.timer.unref();
    }
  }

  /**
   * The anchor only ever moves forward. A trail cut short and then appended to must not
   * pull the anchor back with it, or the cut would be hidden.
   */
  private async advanceTo(head: AuditHead): Promise<void> {
    const current = await AuditAnchor.read(this.secrets);
    if (current !== null && current.seq >= head.seq) return;
    await this.secrets.set(ACCOUNTS.auditAnchor, JSON.stringify(head));
  }

  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const head = this.pending;
    this.pending = null;
    if (head !== null) {
      this.writing = this.writing.then(() => this.advanceTo(head).catch(this.onError));
    }
    await this.writing;
  }
}
