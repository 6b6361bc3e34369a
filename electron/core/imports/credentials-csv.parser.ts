import { readCsvTable } from '../../../shared/csv/csv-table';
import { shortTitle, type ParsedCredentials } from './credential-entry';

/**
 * The plain CSV of logins: name,url,username,password,totp (docs/imports.md). The same
 * columns as other tools name them are accepted too (Chrome's and Bitwarden's CSV), and their
 * notes columns are ignored. A value with a comma, a quote or spaces at either end must be in
 * double quotes, as spreadsheets write it.
 */

const columns = ['name', 'url', 'username', 'password', 'totp'] as const;
type Column = (typeof columns)[number];

export function parseCredentialsCsv(content: string): ParsedCredentials {
  const table = readCsvTable<Column>(content, {
    columns: [
      { name: 'name', aliases: ['title'] },
      { name: 'url', aliases: ['login_uri', 'uri', 'website'] },
      { name: 'username', aliases: ['login_username', 'user name', 'login'] },
      { name: 'password', aliases: ['login_password'] },
      { name: 'totp', aliases: ['login_totp', 'otp', '2fa'] },
    ],
    required: ['name', 'url', 'password'],
    ignored: ['note', 'notes', 'folder', 'favorite', 'type', 'fields', 'reprompt', 'grouping', 'extra'],
    example: columns.join(','),
  });
  const entries = table.rows.map((row) => {
    const totp = row.cells.totp.trim();
    const url = row.cells.url.trim();
    return {
      line: row.line,
      title: shortTitle(row.cells.name),
      urls: url === '' ? [] : [url],
      username: row.cells.username.trim(),
      password: row.cells.password,
      totp: totp === '' ? null : { text: totp },
    };
  });
  if (table.hasHeader && table.errors.length === 0 && entries.length === 0) table.errors.push({ line: 1, message: 'the file has a header but no rows' });
  return { entries, errors: table.errors };
}
