import type { ImportError } from '../../../shared/calendar/calendar-types';
import type { ParsedInput } from '../../../shared/contract/methods';
import type { ChannelView, PersonView, RegisterImportView } from '../../../shared/contract/views';
import { formatChannelRef, handleKey } from '../../../shared/domain/handle';
import { listGrants } from '../access/access.repo';
import { displayHandle } from '../channels/channels.handlers';
import { listChannels } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { listPeople } from '../people/people.repo';
import { listSchools } from '../trust/schools.repo';
import type { RegisterRow } from './register.csv';

/**
 * What a register file would do against the vault as it is: a preview row for every line,
 * the steps that make it so, and every problem with its line. Nothing is written here. The
 * preview shows channels and emails; a problem names the column, never the cell's text.
 */

export type RegisterStep =
  | { line: number; run: 'channel.add'; input: ParsedInput<'channel.add'> }
  | { line: number; run: 'channel.update'; input: ParsedInput<'channel.update'> }
  | { line: number; run: 'person.add'; input: ParsedInput<'person.add'> }
  | { line: number; run: 'access.grant'; input: ParsedInput<'access.grant'> };

export interface RegisterPlan {
  preview: RegisterImportView['rows'];
  /** In the order they must run: channels, then people, then holders (who need both). */
  steps: RegisterStep[];
  errors: ImportError[];
}

type PreviewRow = RegisterImportView['rows'][number];
type ChannelChanges = Omit<ParsedInput<'channel.update'>, 'channel'>;

const channelId = (platform: string, key: string) => `${platform}:${key}`;

function channelRef(platform: string, handle: string): string {
  return formatChannelRef(platform as ChannelView['platform'], displayHandle(platform, handle));
}

/** The settings a channel row gives that differ from the channel's, and their names for the preview. */
function channelChanges(row: Extract<RegisterRow, { kind: 'channel' }>, existing: ChannelView | null): { changes: ChannelChanges; words: string[] } {
  const changes: ChannelChanges = {};
  const words: string[] = [];
  if (row.twoFactor !== undefined && row.twoFactor !== existing?.twoFactor) {
    changes.twoFactor = row.twoFactor;
    words.push(existing === null ? `2FA ${row.twoFactor}` : `2FA ${existing.twoFactor} → ${row.twoFactor}`);
  }
  if (row.purpose !== undefined && row.purpose !== existing?.purpose) {
    changes.purpose = row.purpose;
    words.push(existing === null ? 'purpose' : 'purpose changed');
  }
  if (existing !== null && row.input.registrationEmail !== undefined && row.input.registrationEmail !== existing.registrationEmail) {
    changes.registrationEmail = row.input.registrationEmail;
    words.push(`registration email ${existing.registrationEmail ?? '(none)'} → ${row.input.registrationEmail}`);
  }
  return { changes, words };
}

export async function planRegister(db: Db, rows: readonly RegisterRow[], today: string): Promise<RegisterPlan> {
  const errors: ImportError[] = [];
  const preview: PreviewRow[] = [];
  const steps: { channels: RegisterStep[]; people: RegisterStep[]; holders: RegisterStep[] } = { channels: [], people: [], holders: [] };
  const schools = new Set((await listSchools(db)).map((s) => s.code));
  const knownSchools = [...schools].sort().join(', ') || 'none yet';
  const channels = new Map((await listChannels(db)).map((c) => [channelId(c.platform, handleKey(c.handle)), c]));
  const people = new Map((await listPeople(db, today)).map((p) => [p.email, p]));
  const grants = new Set((await listGrants(db, { includeRevoked: false })).map((g) => `${g.holderEmail} ${g.channelId}`));
  const fileChannels = new Map<string, number>();
  /** How each channel is written in the preview: as the vault has it, or as its row in the file. */
  const shown = new Map([...channels].map(([id, c]) => [id, formatChannelRef(c.platform, c.handle)]));
  const filePeople = new Map<string, number>();
  const fileHolders = new Map<string, number>();
  const fail = (line: number, message: string) => errors.push({ line, message });
  const unknownSchool = (line: number, code: string | undefined): boolean => {
    if (code === undefined || schools.has(code)) return false;
    fail(line, `the school column names a school that is not in the vault (known codes: ${knownSchools})`);
    return true;
  };

  for (const row of rows) {
    if (row.kind === 'channel') {
      const { platform } = row.input;
      const id = channelId(platform, handleKey(row.input.handle));
      const subject = channelRef(platform, row.input.handle);
      const earlier = fileChannels.get(id);
      if (earlier !== undefined) {
        fail(row.line, `this channel (its platform and handle) is already on line ${earlier}`);
        continue;
      }
      fileChannels.set(id, row.line);
      if (!shown.has(id)) shown.set(id, subject);
      if (unknownSchool(row.line, row.input.school)) continue;
      const existing = channels.get(id) ?? null;
      if (existing !== null && (existing.school ?? null) !== (row.input.school ?? null)) {
        const where = (code: string | null) => (code === null ? 'the trust' : `school ${code}`);
        fail(row.line, `this channel is in the vault for ${where(existing.school)}, but this row says ${where(row.input.school ?? null)}; an import does not move a channel`);
        continue;
      }
      const { changes, words } = channelChanges(row, existing);
      const ref = existing === null ? subject : formatChannelRef(existing.platform, existing.handle);
      const update: RegisterStep = { line: row.line, run: 'channel.update', input: { channel: ref, ...changes } };
      if (existing === null) {
        steps.channels.push({ line: row.line, run: 'channel.add', input: row.input });
        if (words.length > 0) steps.channels.push(update);
        const where = row.input.school === undefined ? "the trust's own" : `school ${row.input.school}`;
        preview.push({ line: row.line, kind: 'channel', subject, action: 'create', detail: [`new channel (${where})`, ...words].join('; ') });
      } else if (words.length > 0) {
        steps.channels.push(update);
        preview.push({ line: row.line, kind: 'channel', subject: ref, action: 'update', detail: words.join('; ') });
      } else {
        const renamed = row.input.name !== undefined && row.input.name !== existing.name ? ` (its name stays "${existing.name}")` : '';
        preview.push({ line: row.line, kind: 'channel', subject: ref, action: 'skip', detail: `already in the vault with these settings${renamed}` });
      }
    } else if (row.kind === 'person') {
      const { email } = row.input;
      const earlier = filePeople.get(email);
      if (earlier !== undefined) {
        fail(row.line, `this person (their email) is already on line ${earlier}`);
        continue;
      }
      filePeople.set(email, row.line);
      if (unknownSchool(row.line, row.input.school)) continue;
      const existing = people.get(email);
      if (existing === undefined) {
        steps.people.push({ line: row.line, run: 'person.add', input: row.input });
        preview.push({ line: row.line, kind: 'person', subject: email, action: 'create', detail: `new ${row.input.role}${row.input.school === undefined ? '' : ` at ${row.input.school}`}` });
      } else {
        preview.push({ line: row.line, kind: 'person', subject: email, action: 'skip', detail: personSkipDetail(existing, row.input) });
      }
    }
  }

  // Holders last: they may name channels and people added by rows further down the file.
  for (const row of rows) {
    if (row.kind !== 'holder') continue;
    const id = channelId(row.channel.platform, row.channel.key);
    const subject = `${row.email} → ${shown.get(id) ?? channelRef(row.channel.platform, row.channel.handle)}`;
    const earlier = fileHolders.get(`${row.email} ${id}`);
    if (earlier !== undefined) {
      fail(row.line, `this holder is already on line ${earlier}`);
      continue;
    }
    fileHolders.set(`${row.email} ${id}`, row.line);
    const channel = channels.get(id);
    const person = people.get(row.email);
    const problems = [
      channel === undefined && !fileChannels.has(id) ? `the ${row.channel.platform} channel in the handle column is not in the vault or in this file` : null,
      person === undefined && !filePeople.has(row.email) ? 'the email column names someone who is not on the register or in this file (add a person row)' : null,
      person !== undefined && !person.active ? `the person in the email column has left the trust (on ${person.leftOn}) and cannot be given access` : null,
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) {
      fail(row.line, problems.join('; '));
      continue;
    }
    if (channel !== undefined && grants.has(`${row.email} ${channel.id}`)) {
      preview.push({ line: row.line, kind: 'holder', subject, action: 'skip', detail: 'already holds the login details' });
      continue;
    }
    steps.holders.push({ line: row.line, run: 'access.grant', input: { channel: channelRef(row.channel.platform, row.channel.handle), email: row.email } });
    preview.push({ line: row.line, kind: 'holder', subject, action: 'create', detail: 'grant access to the login details' });
  }

  preview.sort((a, b) => a.line - b.line);
  return { preview, steps: [...steps.channels, ...steps.people, ...steps.holders], errors: errors.sort((a, b) => a.line - b.line) };
}

function personSkipDetail(existing: PersonView, row: ParsedInput<'person.add'>): string {
  const differs = [
    row.name !== existing.name ? 'name' : null,
    row.role !== existing.role ? 'role' : null,
    (row.school ?? null) !== existing.school ? 'school' : null,
  ].filter((d): d is string => d !== null);
  const left = existing.active ? '' : ` (left on ${existing.leftOn})`;
  return differs.length === 0
    ? `already on the register${left}`
    : `already on the register${left}; the ${differs.join(', ')} in the file differ${differs.length === 1 ? 's' : ''} and ${differs.length === 1 ? 'was' : 'were'} not changed`;
}
