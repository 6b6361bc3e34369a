import { randomBytes } from 'node:crypto';
import { base32Encode } from '../../electron/core/credentials/base32';

/**
 * Password manager exports (Chrome and Bitwarden CSV, Bitwarden JSON, KeePass XML) whose
 * passwords, 2FA keys, notes and custom fields are unique marker strings, for tests that look
 * for those markers wherever an import could echo them. Each export has a valid form (every
 * entry importable or skipped) and an invalid one (the same entries plus bad ones, so the whole
 * file is refused). The logins are for the example trust's channels (example.load).
 */

const hex = () => randomBytes(6).toString('hex');

export interface Marked {
  /** Every secret cell's text: none may be shown, logged or stored outside the keychain. */
  markers: string[];
  /** The form the import accepts, or null when there is none (a file with no header). */
  valid: string | null;
  /** Forms the import refuses: each with the valid entries and at least one bad one. */
  invalid: string[];
}

export interface MarkedExports {
  chromeCsv: Marked;
  bitwardenCsv: Marked;
  bitwardenJson: Marked;
  keepassXml: Marked;
  /** Chrome's CSV with its header line cut off: the first line is a login. */
  headerless: Marked;
  /** Every marker of every export. */
  all: string[];
}

/** A password, a 2FA key (a real base32 key when it must import), a note and a custom field. */
function secrets(tag: string) {
  return {
    password: `pw-${tag}-${hex()}`,
    totp: base32Encode(randomBytes(20)),
    badTotp: `notakey-${tag}-${hex()}!`,
    note: `note-${tag}-${hex()}`,
    field: `field-${tag}-${hex()}`,
  };
}

const csvLines = (lines: string[]) => `${lines.join('\n')}\n`;

function chromeCsv(): Marked {
  const a = secrets('chrome-a');
  const b = secrets('chrome-b');
  const header = 'name,url,username,password,note';
  const good = [`Pendle Education X,https://x.com/pendleeducation,office@pet.example,${a.password},${a.note}`, `Canva,https://www.canva.com,office@pet.example,${b.password},${b.note}`];
  const bad = [`Shifted,https://x.com/pendleeducation,office@pet.example,${b.note},${b.password},${b.field}`, `"Unclosed,${a.field}`];
  return { markers: [a.password, a.note, a.field, b.password, b.note, b.field], valid: csvLines([header, ...good]), invalid: [csvLines([header, ...good, ...bad])] };
}

function bitwardenCsv(): Marked {
  const a = secrets('bwcsv-a');
  const header = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const good = `Social,,login,Pendle Primary Instagram,${a.note},"PIN: ${a.field}",0,https://www.instagram.com/pendleprimaryacademy/,office@pet.example,${a.password},${a.totp}`;
  const bad = `Social,,login,Pendle Education X,${a.note},,0,https://x.com/pendleeducation,office@pet.example,${a.password},${a.badTotp}`;
  return { markers: [a.password, a.totp, a.badTotp, a.note, a.field], valid: csvLines([header, good]), invalid: [csvLines([header, good, bad])] };
}

function bitwardenJson(): Marked {
  const a = secrets('bwjson-a');
  const b = secrets('bwjson-b');
  const item = (name: string, uri: string, s: typeof a, totp: string) => ({
    type: 1,
    name,
    notes: s.note,
    fields: [{ name: 'Recovery PIN', value: s.field, type: 1 }],
    login: { uris: [{ uri }], username: 'office@pet.example', password: s.password, totp },
  });
  const card = { type: 3, name: 'Trust card', notes: b.note, card: { number: b.field } };
  const good = { encrypted: false, items: [item('PET X', 'https://x.com/pendleeducation', a, a.totp), card] };
  const invalid = { encrypted: false, items: [...good.items, item('PPA Instagram', 'https://instagram.com/pendleprimaryacademy', b, b.badTotp)] };
  // A file cut short in the middle of a password, as a failed copy leaves it.
  const truncated = `${JSON.stringify(good, null, 2).split(a.password)[0] ?? ''}${a.password}`;
  return {
    markers: [a.password, a.totp, a.note, a.field, b.password, b.badTotp, b.note, b.field],
    valid: JSON.stringify(good, null, 2),
    invalid: [JSON.stringify(invalid, null, 2), truncated],
  };
}

function keepassXml(): Marked {
  const a = secrets('kp-a');
  const b = secrets('kp-b');
  const entry = (title: string, url: string, s: typeof a, otp: string) =>
    [
      '<Entry>',
      `<String><Key>Title</Key><Value>${title}</Value></String>`,
      `<String><Key>URL</Key><Value>${url}</Value></String>`,
      '<String><Key>UserName</Key><Value>office@pet.example</Value></String>',
      `<String><Key>Password</Key><Value ProtectInMemory="True">${s.password}</Value></String>`,
      `<String><Key>Notes</Key><Value>${s.note}</Value></String>`,
      `<String><Key>Recovery PIN</Key><Value ProtectInMemory="True">${s.field}</Value></String>`,
      `<String><Key>otp</Key><Value>${otp}</Value></String>`,
      '</Entry>',
    ].join('\n');
  const file = (entries: string[]) =>
    ['<?xml version="1.0" encoding="utf-8"?>', '<KeePassFile><Meta></Meta><Root><Group><Name>Trust</Name>', ...entries, '</Group></Root></KeePassFile>'].join('\n');
  const good = entry('PET X', 'https://x.com/pendleeducation', a, a.totp);
  const badKey = entry('PPA Instagram', 'https://instagram.com/pendleprimaryacademy', b, b.badTotp);
  // Not well-formed: the parser's own message would quote the tag and text around the error.
  const broken = `<Entry><String><Key>Password</Key><Value>${b.password}</Valu></String></Entry>`;
  return {
    markers: [a.password, a.totp, a.note, a.field, b.password, b.badTotp, b.note, b.field],
    valid: file([good]),
    invalid: [file([good, badKey]), file([good, broken])],
  };
}

function headerless(): Marked {
  const a = secrets('nohead');
  const rows = [`Pendle Education X,https://x.com/pendleeducation,office@pet.example,${a.password},${a.note}`];
  return { markers: [a.password, a.note], valid: null, invalid: [csvLines(rows)] };
}

export function markedExports(): MarkedExports {
  const exports = { chromeCsv: chromeCsv(), bitwardenCsv: bitwardenCsv(), bitwardenJson: bitwardenJson(), keepassXml: keepassXml(), headerless: headerless() };
  return { ...exports, all: Object.values(exports).flatMap((e) => e.markers) };
}
