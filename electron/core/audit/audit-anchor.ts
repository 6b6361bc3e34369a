import type { AuditVerifyView } from '../../../shared/contract/views';
import type { VaultSecrets } from '../secrets/vault-secrets';
import { ACCOUNTS } from '../secrets/vault-secrets';
import type { AuditHead } from './audit.repo';

/** The anchor as read from the keychain: missing, a head, or something that is not one. */
export type AnchorReading = { kind: 'none' } | { kind: 'head'; head: AuditHead } | { kind: 'damaged' };

export function parseAnchor(text: string | null): AnchorReading {
  if (text === null) return { kind: 'none' };
  try {
    const parsed = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    if (Number.isSafeInteger(parsed.seq) && (parsed.seq as number) > 0 && typeof parsed.hash === 'string' && /^[0-9a-f]{64}$/.test(parsed.hash)) {
      return { kind: 'head', head: { seq: parsed.seq as number, hash: parsed.hash } };
    }
  } catch {
    // fall through: not JSON
  }
  return { kind: 'damaged' };
}

/**
 * A sound trail with events but no anchor is a failure: deleting the keychain entry and cutting
 * the tail would otherwise pass. The anchor is created with the vault (init, transfer import),
 * so its absence means someone removed it. Names the head the anchor would have confirmed.
 */
export function failWithoutAnchor(result: AuditVerifyView, anchor: AnchorReading): AuditVerifyView {
  if (!result.ok || anchor.kind !== 'none' || result.events === 0) return result;
  return {
    ok: false,
    events: result.events,
    firstBadSeq: result.headSeq + 1,
    problem:
      `the audit anchor is missing from the keychain, so nothing shows that events were not cut from the end ` +
      `(it would have checked the head, event ${result.headSeq}, hash ${result.headHash})`,
  };
}

/**
 * Keeps the latest committed (seq, hash) in the keychain so that cutting events off the end
 * of the trail is caught. It is CREATED only with the vault (`createAnchor`, by init and by
 * transfer import, before they return); here it only advances along its own chain. Keychain
 * calls are slow and async, so advancing happens after the commit: at most a second later, and
 * always at close. It reads the head from the database when it writes, so a rolled-back append
 * is never anchored.
 */
export class AuditAnchor {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly secrets: VaultSecrets,
    private readonly committedHead: () => Promise<AuditHead | null>,
    private readonly hashAt: (seq: number) => Promise<string | null>,
    private readonly log: (event: string, fields: Record<string, unknown>) => void,
  ) {}

  static async read(secrets: VaultSecrets): Promise<AnchorReading> {
    return parseAnchor(await secrets.get(ACCOUNTS.auditAnchor));
  }

  /** The first anchor of a vault (init, transfer import): the only writes that need no earlier one. */
  static async create(secrets: VaultSecrets, head: AuditHead): Promise<void> {
    await secrets.set(ACCOUNTS.auditAnchor, JSON.stringify({ seq: head.seq, hash: head.hash }));
  }

  noteAppend(): void {
    this.dirty = true;
    if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), 1000);
      this.timer.unref();
    }
  }

  /**
   * The anchor only ever moves forward, and only along the chain it anchors: if the event
   * at the anchored seq no longer has the anchored hash (the trail was cut and appended
   * to, or rewritten), the anchor stays where it is so that verify reports it. A missing anchor
   * is never re-created here: that would anchor whatever head an attacker left (verify fails instead).
   */
  private async advance(): Promise<void> {
    const head = await this.committedHead();
    if (head === null) return;
    const current = await AuditAnchor.read(this.secrets);
    if (current.kind !== 'head') {
      this.log(current.kind === 'none' ? 'audit.anchor_missing' : 'audit.anchor_damaged', {});
      return;
    }
    if (current.head.seq >= head.seq) return;
    if ((await this.hashAt(current.head.seq)) !== current.head.hash) {
      this.log('audit.anchor_mismatch', { anchorSeq: current.head.seq });
      return;
    }
    await this.secrets.set(ACCOUNTS.auditAnchor, JSON.stringify(head));
  }

  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty) {
      this.dirty = false;
      this.writing = this.writing.then(() =>
        this.advance().catch((error: unknown) =>
          this.log('audit.anchor_failed', { error: error instanceof Error ? error.name : 'unknown' }),
        ),
      );
    }
    await this.writing;
  }
}
