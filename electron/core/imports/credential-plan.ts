import type { ImportError } from '../../../shared/calendar/calendar-types';
import * as f from '../../../shared/contract/fields';
import type { ChannelView, CredentialImportView } from '../../../shared/contract/views';
import { formatChannelRef, handleKey } from '../../../shared/domain/handle';
import { listChannels } from '../channels/channels.repo';
import { TotpInputError } from '../credentials/totp';
import type { Db } from '../db/db.port';
import { matchChannel } from './channel-match';
import { storedTotp, type CredentialEntry } from './credential-entry';

/**
 * What a credentials import would do: per entry, the channel it matched, what it would set
 * (never the values) and whether that is new or replaces what is stored, or why it is
 * skipped; and the writes that make it so. Nothing is written here, and the keychain is not
 * read: the preview must not tell an administrator whether a guess equals a stored password.
 */

export interface PlannedSecret {
  line: number;
  channel: ChannelView;
  kind: 'password' | 'totp';
  /** The stored form: the password as given, a 2FA key as its serialized config. */
  value: string;
}

export interface CredentialPlan {
  entries: CredentialImportView['entries'];
  secrets: PlannedSecret[];
  /** Registration emails to record, from a username that is an email address on a channel with none. */
  emails: { line: number; channel: ChannelView; email: string }[];
  errors: ImportError[];
}

type Row = CredentialImportView['entries'][number];
type Item = Row['sets'][number];

interface Candidate {
  entry: CredentialEntry;
  channel: ChannelView;
  row: Row;
  secrets: PlannedSecret[];
  email: string | null;
}

const PASSWORD_LIMIT = 64 * 1024;

function usernameNote(entry: CredentialEntry, channel: ChannelView): { email: string | null; note: string | null } {
  const username = entry.username;
  if (username === '') return { email: null, note: null };
  const email = f.email.safeParse(username);
  if (!email.success) {
    return handleKey(username) === handleKey(channel.handle) ? { email: null, note: null } : { email: null, note: 'its username is not stored (the vault keeps the registration email only)' };
  }
  if (channel.registrationEmail === null) return { email: email.data, note: null };
  return email.data === channel.registrationEmail ? { email: null, note: null } : { email: null, note: 'its username differs from the registration email on record, which was not changed' };
}

function candidateFor(entry: CredentialEntry, channel: ChannelView, how: string, errors: ImportError[]): Candidate {
  const where = formatChannelRef(channel.platform, channel.handle);
  const sets: Item[] = [];
  const secrets: PlannedSecret[] = [];
  const change = (kind: string): Item['change'] => (channel.secrets.includes(kind as ChannelView['secrets'][number]) ? 'replace' : 'create');
  if (entry.password.trim() !== '') {
    if (entry.password.length > PASSWORD_LIMIT) errors.push({ line: entry.line, message: `the password of "${entry.title}" is longer than 64 KB` });
    secrets.push({ line: entry.line, channel, kind: 'password', value: entry.password });
    sets.push({ item: 'password', change: change('password') });
  }
  if (entry.totp !== null) {
    try {
      secrets.push({ line: entry.line, channel, kind: 'totp', value: storedTotp(entry.totp) });
      sets.push({ item: '2fa-key', change: change('totp') });
    } catch (error) {
      if (!(error instanceof TotpInputError)) throw error;
      // TotpInputError never quotes the key.
      errors.push({ line: entry.line, message: `the 2FA key of "${entry.title}" (for ${where}) cannot be used: ${error.message}` });
    }
  }
  const { email, note } = usernameNote(entry, channel);
  if (email !== null) sets.push({ item: 'username', change: 'create' });
  const action: Row['action'] = sets.length === 0 ? 'skip' : sets.some((s) => s.change === 'replace') ? 'replace' : 'create';
  const detail = sets.length === 0 ? 'nothing to import: it has no password or 2FA key' : [`matched ${how}`, email === null ? null : 'its username becomes the registration email', note].filter(Boolean).join('; ');
  return { entry, channel, row: { line: entry.line, entry: entry.title, channel: where, action, sets, detail }, secrets, email };
}

export async function planCredentials(db: Db, entries: readonly CredentialEntry[]): Promise<CredentialPlan> {
  const channels = await listChannels(db);
  const errors: ImportError[] = [];
  const candidates: (Candidate | Row)[] = entries.map((entry) => {
    const skip = (detail: string, channel: string | null = null): Row => ({ line: entry.line, entry: entry.title, channel, action: 'skip', sets: [], detail });
    if (entry.skip !== undefined) return skip(entry.skip);
    const match = matchChannel(entry, channels);
    if ('skip' in match) return skip(match.skip);
    return candidateFor(entry, match.channel, match.how, errors);
  });

  // Two entries for one channel: which is current cannot be told, so neither is imported.
  const byChannel = new Map<number, Candidate[]>();
  for (const c of candidates) {
    if ('row' in c && c.row.action !== 'skip') {
      byChannel.set(c.channel.id, [...(byChannel.get(c.channel.id) ?? []), c]);
    }
  }
  const clashing = new Set<Candidate>();
  for (const group of byChannel.values()) if (group.length > 1) for (const c of group) clashing.add(c);

  const rows: Row[] = [];
  const secrets: PlannedSecret[] = [];
  const emails: CredentialPlan['emails'] = [];
  for (const c of candidates) {
    if (!('row' in c)) {
      rows.push(c);
      continue;
    }
    if (clashing.has(c)) {
      const others = [...clashing].filter((o) => o !== c && o.channel.id === c.channel.id).map((o) => (o.entry.line > 0 ? `line ${o.entry.line}` : `"${o.entry.title}"`));
      rows.push({ ...c.row, action: 'skip', sets: [], detail: `another entry (${others.join(', ')}) is for the same channel: keep the current one only and import again` });
      continue;
    }
    rows.push(c.row);
    secrets.push(...c.secrets);
    if (c.email !== null) emails.push({ line: c.entry.line, channel: c.channel, email: c.email });
  }
  return { entries: rows, secrets, emails, errors: errors.sort((a, b) => a.line - b.line) };
}
