import { parseLocatedJson } from '../../../shared/calendar/located-json';
import { shortTitle, type CredentialEntry, type ParsedCredentials } from './credential-entry';

/**
 * A Bitwarden export in its unencrypted ".json" format: items[] with name, type and
 * login { username, password, totp, uris[].uri }. Only logins (type 1) carry what we import;
 * folders and collections are ignored. An encrypted export cannot be read without the
 * account's keys, so it is refused with what to do instead.
 */

const OTHER_TYPES: Record<number, string> = { 2: 'a secure note', 3: 'a card', 4: 'an identity', 5: 'an SSH key' };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseBitwardenJson(content: string): ParsedCredentials {
  const json = parseLocatedJson(content);
  // parseLocatedJson's messages never quote the file's text.
  if (!json.ok) return { entries: [], errors: [{ line: json.line, message: `${json.message}; export the vault again from Bitwarden` }] };
  const root = json.value;
  if (!isObject(root)) return { entries: [], errors: [{ line: 1, message: 'this is not a Bitwarden export: it should be an object with an "items" list' }] };
  if (root.encrypted === true) {
    return {
      entries: [],
      errors: [
        {
          line: 1,
          message:
            'this is an encrypted Bitwarden export, which only Bitwarden can open. In Bitwarden choose Export vault with the file format ".json" (not ".json (Encrypted)"), import that file, then delete it',
        },
      ],
    };
  }
  const items = root.items;
  if (!Array.isArray(items)) return { entries: [], errors: [{ line: json.lineOf(root), message: 'this is not a Bitwarden export: it has no "items" list' }] };

  const entries: CredentialEntry[] = [];
  const errors: ParsedCredentials['errors'] = [];
  items.forEach((item: unknown, index) => {
    const line = json.lineOf(items, index);
    if (!isObject(item)) {
      errors.push({ line, message: 'an item is not an object' });
      return;
    }
    const title = shortTitle(text(item.name));
    const other = typeof item.type === 'number' ? OTHER_TYPES[item.type] : undefined;
    if (item.type !== 1) {
      entries.push({ line, title, urls: [], username: '', password: '', totp: null, skip: `not a login (${other ?? 'an unknown kind of item'})` });
      return;
    }
    const login = isObject(item.login) ? item.login : {};
    const uris = Array.isArray(login.uris) ? login.uris : [];
    const totp = text(login.totp).trim();
    entries.push({
      line,
      title,
      urls: uris.map((u: unknown) => (isObject(u) ? text(u.uri).trim() : '')).filter((u) => u !== ''),
      username: text(login.username).trim(),
      password: text(login.password),
      totp: totp === '' ? null : { text: totp },
    });
  });
  return { entries, errors };
}
