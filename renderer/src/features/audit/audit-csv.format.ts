import type { AuditEventView } from '../../../../shared/contract/views';
import { csvField } from '../../../../shared/format/csv-field';
import type { ChannelName } from '../../format/channel-names.format';
import { outcomeWords } from '../../format/contract-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { describeAuditEvent } from './audit-event.format';

const HEADINGS = [
  'Event',
  'When (UK time)',
  'When (UTC, ISO 8601)',
  'Who',
  'Email',
  'What',
  'Details',
  'Action code',
  'Channel',
  'Channel reference',
  'School',
  'Reason given',
  'Result',
];

// One field's quoting and formula guard is shared with the core's review pack (audit.csv).
export { csvField };

/**
 * The loaded audit events as a CSV file for a spreadsheet: a byte-order mark so Excel reads
 * UTF-8, CRLF line ends, one row per event in the order shown (newest first).
 */
export function auditCsv(events: readonly AuditEventView[], nameOf: (ref: string | null) => ChannelName, schoolName: (code: string | null) => string): string {
  const rows = events.map((event) => {
    const what = describeAuditEvent(event);
    return [
      event.seq,
      formatUkDateTime(event.at),
      event.at,
      event.actorName ?? what.who,
      event.actor,
      what.label,
      what.detail,
      event.action,
      event.channel === null ? null : nameOf(event.channel).name,
      event.channel,
      event.school === null ? null : schoolName(event.school),
      event.reason,
      [outcomeWords[event.outcome].label, what.why].filter((part) => part !== null).join(': '),
    ];
  });
  return `\uFEFF${[HEADINGS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Hands text to the browser as a file download through a blob: URL and an <a download>. That
 * is a download, not a fetch, so the CSP's connect-src does not come into it.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next task; a minute leaves room for a slow disk.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
