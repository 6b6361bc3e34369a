import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { csvField } from '../../../shared/format/csv-field';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { createPrivateWriteStream } from '../files/private-files';
import { nameAsWere, type NamesAsWere } from '../audit/audit-names.repo';
import { readAllNamesAsWere } from '../audit/names-as-were.repo';
import { formatUkTime } from '../../../shared/calendar/uk-time';

const HEADINGS = ['Event', 'When (UK time)', 'When (UTC, ISO 8601)', 'Who', 'Email', 'Action code', 'Channel', 'School', 'Reason given', 'Result', 'Details', 'Event hash'];

/** An event as the CSV's query selects it, in its select's order. */
type EventRow = [
  seq: number,
  at: string,
  actorId: number | null,
  action: string,
  target: string | null,
  channelId: number | null,
  schoolId: number | null,
  reason: string | null,
  outcome: string,
  details: string,
  hash: string,
  version: number,
  actorCommit: string | null,
  channelCommit: string | null,
];

/** Rows per read: a year's trail is read page by page, never held whole in memory. */
const PAGE = 2000;

/**
 * An instant as UK time, as formatUkTime's 'numeric' style gives it. The UK's offset from UTC is a whole number
 * of hours and changes only on the hour, so minutes and seconds are UTC's and the rest depends
 * on the UTC hour alone: one Intl call per hour of the year, not one per event (a year's
 * trail is 200,000 events, and formatting each was a good part of the export's time).
 */
const hourPrefix = new Map<string, string>();
function ukWhen(at: string): string {
  if (at.length < 20 || at[13] !== ':' || at[16] !== ':' || !at.endsWith('Z')) return formatUkTime(at, 'numeric');
  const hour = at.slice(0, 13);
  let prefix = hourPrefix.get(hour);
  if (prefix === undefined) {
    prefix = formatUkTime(`${hour}:00:00Z`, 'numeric').slice(0, -5);
    hourPrefix.set(hour, prefix);
  }
  return `${prefix}${at.slice(14, 19)}`;
}

export interface AuditCsvFilter {
  startInstant: string;
  endInstant: string;
  /** The head the manifest names: events appended while the pack is written are left out. */
  lastSeq: number;
  /** A school's pack: that school's events only, as an SLT auditor sees the trail. */
  schoolId: number | null;
}

/**
 * What the CSV names events with (people, channels, schools, and the side table's names as they
 * were) and where the period starts: read inside the export's snapshot, so the CSV names things
 * as the rest of the pack does. The events themselves are read after it, page by page, as the
 * file is written: they are at or below the head the snapshot saw, and the trail only grows.
 */
export interface AuditCsvNames {
  firstSeq: number | null;
  people: Map<number, { name: string; email: string }>;
  channels: Map<number, string>;
  schools: Map<number, string>;
  asWere: Map<string, NamesAsWere>;
}

export async function readAuditCsvNames(db: Db, filter: AuditCsvFilter): Promise<AuditCsvNames> {
  // Start just before the period's first event: paging by seq from 0 made the first page walk
  // every earlier year of the trail (four fifths of a five-year trail) to find the period.
  const first = await db.first(
    qb
      .selectFrom('audit_events')
      .select((eb) => eb.fn.min<number | null>('seq').as('seq'))
      .where('at', '>=', filter.startInstant)
      .where('at', '<', filter.endInstant),
  );
  // The names of people, channels and schools are read once: joining them onto 200,000 rows
  // cost more than reading the rows.
  const people = new Map((await db.all(qb.selectFrom('people').select(['id', 'name', 'email']))).map((p) => [p.id, { name: p.name, email: p.email }]));
  const channels = new Map((await db.all(qb.selectFrom('channels').select(['id', 'platform', 'handle']))).map((c) => [c.id, `${c.platform}:${c.handle}`]));
  const schools = new Map((await db.all(qb.selectFrom('schools').select(['id', 'code']))).map((c) => [c.id, c.code]));
  // v2 events name people and channels as they were (the side table), v1 events as they are now.
  const asWere = await readAllNamesAsWere(db);
  return { firstSeq: first?.seq ?? null, people, channels, schools, asWere };
}

/**
 * Every audit event in the period as CSV (the same quoting and formula guard as the window's
 * download), oldest first, written as it is read, waiting for the disk when it falls behind.
 * Outside any transaction: it waits for the disk between pages. Returns the number of events written.
 */
export async function writeAuditCsv(db: Db, path: string, filter: AuditCsvFilter, names: AuditCsvNames): Promise<number> {
  const { people, channels, schools, asWere } = names;
  const out = createPrivateWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let count = 0;
  try {
    await write(`\uFEFF${HEADINGS.map(csvField).join(',')}\r\n`);
    let after = names.firstSeq === null ? filter.lastSeq : names.firstSeq - 1;
    for (;;) {
      let query = qb
        .selectFrom('audit_events')
        .select(['seq', 'at', 'actor_id', 'action', 'target', 'channel_id', 'school_id', 'reason', 'outcome', 'details', 'hash', 'version', 'actor_commit', 'channel_commit'])
        .where('seq', '>', after)
        .where('seq', '<=', filter.lastSeq)
        .where('at', '>=', filter.startInstant)
        .where('at', '<', filter.endInstant);
      if (filter.schoolId !== null) query = query.where('school_id', '=', filter.schoolId);
      // Rows as arrays, not objects: 200,000 objects built and dropped cost more than reading them.
      const rows = (await db.tuples(query.orderBy('seq').limit(PAGE))) as EventRow[];
      if (rows.length === 0) break;
      let chunk = '';
      for (const [seq, at, actorId, action, target, channelId, schoolId, reason, outcome, details, hash, version, actorCommit, channelCommit] of rows) {
        const today = actorId === null ? undefined : people.get(actorId);
        const was = nameAsWere(version, actorCommit, asWere, today === undefined ? null : { label: today.email, name: today.name });
        const person = was === null ? undefined : { name: was.name, email: was.label };
        const todayChannel = channelId === null ? undefined : channels.get(channelId);
        const channel = nameAsWere(version, channelCommit, asWere, todayChannel === undefined ? null : { label: todayChannel, name: '' })?.label;
        chunk += `${[
          seq,
          ukWhen(at),
          at,
          person?.name ?? (person === undefined ? 'Custodian (no operator)' : null),
          person?.email ?? null,
          action,
          channel ?? target,
          (schoolId === null ? undefined : schools.get(schoolId)) ?? null,
          reason,
          outcome,
          details === '{}' ? null : details,
          hash,
        ]
          .map(csvField)
          .join(',')}\r\n`;
      }
      await write(chunk);
      count += rows.length;
      after = rows.at(-1)?.[0] ?? after;
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
