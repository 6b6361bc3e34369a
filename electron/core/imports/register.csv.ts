import type { z } from 'zod';
import type { ImportError } from '../../../shared/calendar/calendar-types';
import { contract, type ParsedInput } from '../../../shared/contract/methods';
import { describeIssue } from '../../../shared/contract/validate';
import * as f from '../../../shared/contract/fields';
import type { RegisterImportView } from '../../../shared/contract/views';
import type { TwoFactorState } from '../../../shared/domain/enums';
import { handleKey, handleProblem } from '../../../shared/domain/handle';
import { readCsvTable, type CsvRow } from '../../../shared/csv/csv-table';

/**
 * The register file (resources/imports/register-template.csv, docs/imports.md): one row per
 * channel, person or holder, told apart by the kind column, so that a school office can keep
 * the whole register in one spreadsheet. Each row is checked with the same rules as adding it
 * by hand (the contract's own schemas), and every problem is reported with its line and column,
 * never with the cell's text (a password manager's export given here by mistake must not be
 * echoed back).
 */

const columnNames = ['kind', 'name', 'email', 'role', 'school', 'platform', 'handle', 'registration_email', 'two_factor', 'purpose'] as const;
type Column = (typeof columnNames)[number];

export const REGISTER_HEADER = columnNames.join(',');

/** Which columns each kind uses; a holder row may also carry a name and school for the reader. */
const used: Record<RegisterImportView['rows'][number]['kind'], { uses: readonly Column[]; ignores: readonly Column[] }> = {
  channel: { uses: ['platform', 'handle', 'name', 'school', 'registration_email', 'two_factor', 'purpose'], ignores: [] },
  person: { uses: ['name', 'email', 'role', 'school'], ignores: [] },
  holder: { uses: ['email', 'platform', 'handle'], ignores: ['name', 'school'] },
};

export type RegisterRow =
  | { line: number; kind: 'channel'; input: ParsedInput<'channel.add'>; twoFactor?: TwoFactorState; purpose?: string }
  | { line: number; kind: 'person'; input: ParsedInput<'person.add'> }
  | { line: number; kind: 'holder'; email: string; channel: ChannelKey };

/** A channel as the file names it: its platform and handle, matched as the app matches them. */
export interface ChannelKey {
  platform: ParsedInput<'channel.add'>['platform'];
  handle: string;
  key: string;
}

function problemOf(error: z.ZodError): string {
  // describeIssue names the field in words ("The email address must look like …"); the row's
  // line goes in front, and the trailing full stop is the caller's.
  return describeIssue(error).message.replace(/\.$/, '');
}

function present(row: CsvRow<Column>, column: Column): string | undefined {
  const value = row.cells[column].trim();
  return value === '' ? undefined : value;
}

function parseChannel(row: CsvRow<Column>): RegisterRow | string {
  const parsed = contract['channel.add'].input.safeParse({
    platform: present(row, 'platform')?.toLowerCase(),
    handle: present(row, 'handle'),
    name: present(row, 'name'),
    school: present(row, 'school'),
    registrationEmail: present(row, 'registration_email'),
  });
  if (!parsed.success) return problemOf(parsed.error);
  const result: RegisterRow = { line: row.line, kind: 'channel', input: parsed.data };
  const twoFactorText = present(row, 'two_factor');
  if (twoFactorText !== undefined) {
    const twoFactor = f.twoFactor.safeParse(twoFactorText.toLowerCase());
    if (!twoFactor.success) return `two_factor ${twoFactor.error.issues[0]?.message ?? 'is not valid'}`;
    result.twoFactor = twoFactor.data;
  }
  const purpose = present(row, 'purpose');
  if (purpose !== undefined) {
    if (purpose.length > 1000) return 'purpose must be at most 1000 characters';
    result.purpose = purpose;
  }
  return result;
}

function parsePerson(row: CsvRow<Column>): RegisterRow | string {
  // People come in on the register only; console access (with a passphrase) is given in the app.
  const parsed = contract['person.add'].input.safeParse({
    name: present(row, 'name'),
    email: present(row, 'email'),
    role: present(row, 'role')?.toLowerCase(),
    school: present(row, 'school'),
  });
  if (!parsed.success) return problemOf(parsed.error);
  return { line: row.line, kind: 'person', input: parsed.data };
}

function parseHolder(row: CsvRow<Column>): RegisterRow | string {
  const emailText = present(row, 'email');
  if (emailText === undefined) return 'The email address is required: whose access is it?';
  const email = f.email.safeParse(emailText);
  if (!email.success) return `The email address ${email.error.issues[0]?.message ?? 'is not valid'}`;
  const platform = f.platform.safeParse(present(row, 'platform')?.toLowerCase() ?? '');
  if (!platform.success) return `The platform ${platform.error.issues[0]?.message ?? 'is not valid'}`;
  const handle = present(row, 'handle');
  if (handle === undefined) return 'The handle is required: which channel is it?';
  const problem = handleProblem(platform.data, handle);
  if (problem !== null) return `The handle ${problem}`;
  return { line: row.line, kind: 'holder', email: email.data, channel: { platform: platform.data, handle, key: handleKey(handle) } };
}

const parsers = { channel: parseChannel, person: parsePerson, holder: parseHolder } as const;

export function parseRegisterCsv(text: string): { rows: RegisterRow[]; errors: ImportError[] } {
  const table = readCsvTable<Column>(text, {
    columns: columnNames.map((name) => ({ name, aliases: name.includes('_') ? [name.replace('_', ' '), name.replace('_', '-')] : [] })),
    required: ['kind'],
    example: REGISTER_HEADER,
  });
  const errors = [...table.errors];
  const rows: RegisterRow[] = [];
  for (const row of table.rows) {
    const kindText = row.cells.kind.trim().toLowerCase();
    if (!(kindText in parsers)) {
      errors.push({ line: row.line, message: kindText === '' ? 'kind is empty (use channel, person or holder)' : 'kind is not channel, person or holder' });
      continue;
    }
    const kind = kindText as keyof typeof parsers;
    const stray = columnNames.filter((c) => c !== 'kind' && !used[kind].uses.includes(c) && !used[kind].ignores.includes(c) && present(row, c) !== undefined);
    if (stray.length > 0) {
      errors.push({ line: row.line, message: `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} not used on a ${kind} row: leave ${stray.length === 1 ? 'it' : 'them'} empty (is a column shifted?)` });
      continue;
    }
    const parsed = parsers[kind](row);
    if (typeof parsed === 'string') errors.push({ line: row.line, message: parsed });
    else rows.push(parsed);
  }
  if (table.hasHeader && errors.length === 0 && rows.length === 0) errors.push({ line: 1, message: 'the file has a header but no rows' });
  return { rows, errors: errors.sort((a, b) => a.line - b.line) };
}
