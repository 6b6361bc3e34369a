import type { AuditEventView } from '../../../../shared/contract/views';
import type { SecretKind } from '../../../../shared/domain/enums';
import { actionName, methodWords, secretKindNames, whyWordsFor } from '../../format/contract-words.format';
import { formatUkDate } from '../../format/uk-time.format';

export interface AuditEventWords {
  /** Who did it, when the event names nobody on the register. */
  who: string;
  /** What they did: 'Gave access'. */
  label: string;
  /** What it was done to, when that is not the channel column: 'to priya.patel@ppa.example'. */
  detail: string | null;
  /** Why it was refused or failed, in plain words. */
  why: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function kindName(value: unknown): string | null {
  const kind = text(value);
  return kind === null ? null : (secretKindNames[kind as SecretKind] ?? kind);
}

/** An audit event in a sentence's parts, for the audit log and its CSV. */
export function describeAuditEvent(event: AuditEventView): AuditEventWords {
  const { details, target } = event;
  const who = event.actorName ?? event.actor ?? (text(details.email) === null ? 'Unknown' : `Unknown (${String(details.email)})`);
  const why = event.outcome === 'ok' ? null : whyWordsFor(details.why);
  const label = actionName(event.action);
  let detail: string | null = null;
  switch (event.action) {
    case 'access.grant':
      detail = target === null ? null : `to ${target}`;
      break;
    case 'access.revoke':
      detail = target === null ? null : `from ${target}`;
      break;
    case 'person.add':
      detail = target;
      break;
    case 'person.left': {
      const on = text(details.leftOn);
      detail = [target, on === null ? null : `leaving ${formatUkDate(on)}`].filter((part) => part !== null).join(', ') || null;
      break;
    }
    case 'school.add':
      detail = target;
      break;
    case 'secret.set':
    case 'secret.rotate':
    case 'secret.reveal':
    case 'secret.copy':
      detail = kindName(details.kind);
      break;
    case 'permission.denied': {
      const method = text(details.method) ?? target;
      detail = method === null ? null : `tried ${methodWords(method)}`;
      break;
    }
    case 'audit.verify':
      detail = typeof details.events === 'number' ? `${details.events} events intact` : null;
      break;
    case 'backup.restore':
      detail = text(details.summary);
      break;
  }
  return { who, label, detail, why };
}
