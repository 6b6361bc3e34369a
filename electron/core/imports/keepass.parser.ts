import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { shortTitle, type CredentialEntry, type ParsedCredentials, type TotpSource } from './credential-entry';
import { base32Encode } from '../credentials/base32';

/**
 * A KeePass 2 XML export (KeePass "Export → KeePass XML (2.x)", KeePassXC "Export → XML"):
 * KeePassFile/Root/Group… /Entry/String{Key,Value}, groups nested to any depth. The export holds
 * values in the clear, marked ProtectInMemory="True"; a value marked Protected="True" is still
 * encrypted (the XML inside a .kdbx file, not an export), so the file is refused. Old versions
 * of an entry (its History) and the recycle bin are not imported.
 */

type Node = Record<string, unknown>;

const meta = XMLParser.getMetaDataSymbol() as unknown as string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values are text: a password "0123" or "true" must not become a number or a boolean.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  captureMetaData: true,
  isArray: (name) => name === 'Group' || name === 'Entry' || name === 'String',
});

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value)) return typeof value['#text'] === 'string' ? value['#text'] : '';
  return '';
}

/** The line of a character index, by binary search over the line starts (big exports have thousands of entries). */
function lineFinder(content: string): (index: number | undefined) => number {
  const starts = [0];
  for (let i = 0; i < content.length; i += 1) if (content.charCodeAt(i) === 10) starts.push(i + 1);
  return (index) => {
    if (index === undefined) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

class EncryptedValues extends Error {}

/** The entry's strings by key; a still-encrypted value stops the whole file. */
function stringsOf(entry: Node): Map<string, string> {
  const strings = new Map<string, string>();
  for (const s of list(entry.String)) {
    const value = s.Value;
    if (isNode(value) && String(value['@_Protected']).toLowerCase() === 'true') throw new EncryptedValues();
    strings.set(textOf(s.Key), textOf(value));
  }
  return strings;
}

const HEX = /^[0-9a-f\s]+$/i;

/**
 * KeePassXC keeps an otpauth:// link (or a bare key) under "otp"; KeePass 2.47+ keeps the key
 * under TimeOtp-Secret-Base32 (or -Hex, -Base64, or plain TimeOtp-Secret) with its settings
 * beside it; older KeePassXC used "TOTP Seed" and "TOTP Settings" ("30;6").
 */
function totpOf(strings: Map<string, string>): TotpSource | null {
  const otp = strings.get('otp')?.trim();
  if (otp !== undefined && otp !== '') return { text: otp };
  const settings = {
    ...(strings.get('TimeOtp-Length') ? { digits: Number(strings.get('TimeOtp-Length')) } : {}),
    ...(strings.get('TimeOtp-Period') ? { period: Number(strings.get('TimeOtp-Period')) } : {}),
    ...(strings.get('TimeOtp-Algorithm') ? { algorithm: strings.get('TimeOtp-Algorithm') as string } : {}),
  };
  const base32 = strings.get('TimeOtp-Secret-Base32')?.trim();
  if (base32) return { base32, ...settings };
  const hex = strings.get('TimeOtp-Secret-Hex')?.trim();
  // Not hex: '!' is no key at all, so it is refused as a bad setup key rather than read some other way.
  if (hex) return { base32: HEX.test(hex) ? base32Encode(Buffer.from(hex.replace(/\s/g, ''), 'hex')) : '!', ...settings };
  const b64 = strings.get('TimeOtp-Secret-Base64')?.trim();
  if (b64) return { base32: base32Encode(Buffer.from(b64, 'base64')), ...settings };
  const plain = strings.get('TimeOtp-Secret');
  if (plain) return { base32: base32Encode(Buffer.from(plain, 'utf8')), ...settings };
  const seed = strings.get('TOTP Seed')?.trim();
  if (seed) {
    const [period, digits] = (strings.get('TOTP Settings') ?? '').split(';').map((n) => Number(n));
    return { base32: seed, ...(period ? { period } : {}), ...(digits ? { digits } : {}) };
  }
  return null;
}

export function parseKeePassXml(content: string): ParsedCredentials {
  // KeePass never writes a DOCTYPE; refusing one rules out entity tricks in a crafted file.
  if (/<!DOCTYPE|<!ENTITY/i.test(content)) return { entries: [], errors: [{ line: 1, message: 'this is not a KeePass export: it has a DOCTYPE, which KeePass never writes' }] };
  const valid = XMLValidator.validate(content);
  // The validator's own words quote the file (tags, attributes, text): only its line is kept.
  if (valid !== true) return { entries: [], errors: [{ line: valid.err.line, message: 'this is not well-formed XML: export it again from KeePass as "KeePass XML (2.x)"' }] };
  const doc = parser.parse(content) as Node;
  const file = doc.KeePassFile;
  const root = isNode(file) && isNode(file.Root) ? file.Root : null;
  if (root === null) return { entries: [], errors: [{ line: 1, message: 'this XML is not a KeePass 2 export: it has no KeePassFile with a Root. Export from KeePass as "KeePass XML (2.x)"' }] };
  const recycleBin = isNode(file) && isNode(file.Meta) ? textOf(file.Meta.RecycleBinUUID).trim() : '';

  const lineAt = lineFinder(content);
  const entries: CredentialEntry[] = [];
  const walk = (group: Node, path: string[], inBin: boolean) => {
    const name = textOf(group.Name).trim();
    const here = name === '' ? path : [...path, name];
    const binned = inBin || (recycleBin !== '' && recycleBin !== 'AAAAAAAAAAAAAAAAAAAAAA==' && textOf(group.UUID).trim() === recycleBin);
    for (const entry of list(group.Entry)) {
      const strings = stringsOf(entry);
      // The top group is the database itself: leave it out of the path people read.
      const where = here.slice(1).join('/');
      const title = shortTitle(`${where === '' ? '' : `${where}/`}${strings.get('Title') ?? ''}`);
      const line = lineAt((entry[meta] as { startIndex?: number } | undefined)?.startIndex);
      const url = strings.get('URL')?.trim() ?? '';
      entries.push({
        line,
        title,
        urls: url === '' ? [] : [url],
        username: strings.get('UserName')?.trim() ?? '',
        password: strings.get('Password') ?? '',
        totp: totpOf(strings),
        ...(binned ? { skip: 'in the recycle bin' } : {}),
      });
    }
    for (const child of list(group.Group)) walk(child, here, binned);
  };
  try {
    for (const group of list(root.Group)) walk(group, [], false);
  } catch (error) {
    if (!(error instanceof EncryptedValues)) throw error;
    return {
      entries: [],
      errors: [{ line: 1, message: 'the values in this file are still encrypted (Protected="True"): in KeePass use File → Export → "KeePass XML (2.x)", not the XML inside a .kdbx file' }],
    };
  }
  return { entries, errors: [] };
}
