import type { IncidentView } from '../../../shared/contract/views';

export type IncidentKind = IncidentView['kind'];
export type IncidentAction = IncidentView['actions'][number]['action'];
export type EscalationTarget = IncidentView['escalations'][number]['to'];
export type EvidenceMediaType = IncidentView['evidence'][number]['mediaType'];

/** The kinds in the order the form offers them. */
export const incidentKinds: readonly IncidentKind[] = ['abuse', 'bullying', 'inappropriate-content', 'concern', 'other'];

export const incidentKindWords: Record<IncidentKind, { label: string; meaning: string }> = {
  abuse: { label: 'Abuse', meaning: 'Offensive, threatening, discriminatory or harassing comments or messages.' },
  bullying: { label: 'Bullying', meaning: 'Someone being picked on or ridiculed, whether a pupil, a parent or a member of staff.' },
  'inappropriate-content': {
    label: 'Inappropriate content',
    meaning: 'Something that should not be on the account: offensive images or links, spam, or personal details.',
  },
  concern: {
    label: 'Safeguarding concern',
    meaning: 'A worry that a child, or anyone, may be at risk. The Designated Safeguarding Lead (DSL) must be told.',
  },
  other: { label: 'Something else', meaning: 'Anything else that needs recording and acting on.' },
};

/** The actions in the order the form offers them. */
export const incidentActions: readonly IncidentAction[] = ['hide', 'delete', 'block', 'report'];

export const incidentActionWords: Record<IncidentAction, { label: string; done: string; meaning: string }> = {
  hide: { label: 'Hid it', done: 'Hidden', meaning: 'The comment or post is hidden from the public but kept.' },
  delete: { label: 'Deleted it', done: 'Deleted', meaning: 'The comment or post is gone for good.' },
  block: { label: 'Blocked the account', done: 'Account blocked', meaning: 'The person can no longer comment or message.' },
  report: { label: 'Reported it to the platform', done: 'Reported to the platform', meaning: 'Using the platform’s own report button.' },
};

/** Who an incident can be escalated to, in the form's order. */
export const escalationTargets: readonly EscalationTarget[] = ['line-manager', 'dsl', 'principal', 'police'];

export const escalationWords: Record<EscalationTarget, { label: string; meaning: string }> = {
  'line-manager': { label: 'Line manager', meaning: 'Your own line manager.' },
  dsl: { label: 'Designated Safeguarding Lead (DSL)', meaning: 'Or a deputy DSL. Always, for anything that may put a child at risk.' },
  principal: { label: 'Principal', meaning: 'The school’s Principal, or the trust’s senior leader for a trust account.' },
  police: { label: 'Police', meaning: 'Where the conduct may be illegal. Call 999 if anyone is in immediate danger.' },
};

/** Short names for a table cell: 'DSL', 'Police'. */
export const escalationShort: Record<EscalationTarget, string> = {
  'line-manager': 'Line manager',
  dsl: 'DSL',
  principal: 'Principal',
  police: 'Police',
};

/** The largest evidence file the core keeps: 15 MB, as shared/contract/fields.ts says (the window may not import its values). */
export const EVIDENCE_MAX_BYTES = 15 * 1024 * 1024;

export const mediaTypeWords: Record<EvidenceMediaType, string> = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'application/pdf': 'PDF document',
  'text/plain': 'Text file',
};

const EXTENSION_TYPES: Record<string, EvidenceMediaType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/** The media type of a chosen file: what the browser says, or else its name's ending; null if not one the core keeps. */
export function evidenceMediaType(file: { name: string; type: string }): EvidenceMediaType | null {
  const said = file.type.toLowerCase();
  if (said in mediaTypeWords) return said as EvidenceMediaType;
  if (said !== '') return null;
  const ending = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ending] ?? null;
}

/** 2048 → '2 KB', 1536000 → '1.5 MB', 312 → '312 bytes'. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const round = (n: number) => (n >= 10 ? Math.round(n).toString() : (Math.round(n * 10) / 10).toString());
  if (bytes < 1024 * 1024) return `${round(bytes / 1024)} KB`;
  return `${round(bytes / (1024 * 1024))} MB`;
}

/** Bytes as base64, in chunks so a large file does not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(parts.join(''));
}

/** Open incidents first, newest first within each. */
export function incidentOrder(a: IncidentView, b: IncidentView): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  return b.openedAt.localeCompare(a.openedAt) || b.id - a.id;
}

export function countWords(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
