import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { csvField } from '../../../shared/format/csv-field';
import { qb, type Sql } from '../db/sql';

const HEADINGS = ['Event', 'When (UK time)', 'When (UTC, ISO 8601)', 'Who', 'Email', 'Action code', 'Channel', 'School', 'Reason given', 'Result', 'Details', 'Event hash'];

/** Rows per read: a year's trail is read page by page, never held whole in memory. */
const PAGE = 1000;

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface AuditCsvFilter {
  startInstant: string;
  endInstant: string;
  /** The head the manifest names: events appended while the pack is written are left out. */
  lastSeq: number;
  /** A school's pack: that school's events only, as an SLT auditor sees the trail. */
  schoolId: number | null;
}

/**
 * Every audit event in the period as CSV (the same quoting and formula guard as the window's
 * download), oldest first, written as it is read, waiting for the disk when it falls behind.
 * Returns the number of events written.
 */
export async function writeAuditCsv(sql: Sql, path: string, filter: AuditCsvFilter): Promise<number> {
  const out = createWriteStream(path, { flags: 'wx' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let count = 0;
  try {
    await write(`\uFEFF${HEADINGS.map(csvField).join(',')}\r\n`);
    let after = 0;
    for (;;) {
      let query = qb
        .selectFrom('audit_events as e')
        .leftJoin('people as p', 'p.id', 'e.actor_id')
        .leftJoin('channels as c', 'c.id', 'e.channel_id')
        .leftJoin('schools as s', 's.id', 'e.school_id')
        .select(['e.seq', 'e.at', 'p.name', 'p.email', 'e.action', 'e.target', 'c.platform', 'c.handle', 's.code', 'e.reason', 'e.outcome', 'e.details', 'e.hash'])
        .where('e.seq', '>', after)
        .where('e.seq', '<=', filter.lastSeq)
        .where('e.at', '>=', filter.startInstant)
        .where('e.at', '<', filter.endInstant);
      if (filter.schoolId !== null) query = query.where('e.school_id', '=', filter.schoolId);
      const rows = sql.all(query.orderBy('e.seq').limit(PAGE));
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) {
        const channel = row.platform === null || row.handle === null ? null : `${row.platform}:${row.handle}`;
        chunk += `${[
          row.seq,
          ukTime.format(new Date(row.at)),
          row.at,
          row.name ?? (row.email === null ? 'Custodian (no operator)' : null),
          row.email,
          row.action,
          channel ?? row.target,
          row.code,
          row.reason,
          row.outcome,
          row.details === '{}' ? null : row.details,
          row.hash,
        ]
          .map(csvField)
          .join(',')}\r\n`;
      }
      await write(chunk);
      count += rows.length;
      after = rows.at(-1)?.seq ?? after;
      if (rows.length < PAGE) break;
    }
    out.end();
    await finished(out);
    return count;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
