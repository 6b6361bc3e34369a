import { createHash } from 'node:crypto';
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english';
import { CoreError } from '../errors';

/**
 * The recovery kit as a document. The recovery key (an X25519 private key, 32 random bytes)
 * lives on paper in the trust's safe, so it is written as the 24 BIP39 English words: a list
 * made to be read aloud and typed back, whose last word carries a checksum, so a mistyped or
 * misread word is caught before any cryptography is tried. Pure: no keychain, no database.
 */

export const RECOVERY_KEY_BYTES = 32;
export const RECOVERY_WORD_COUNT = 24;

export interface KitInfo {
  trustName: string;
  vaultId: string;
  /** YYYY-MM-DD, the day the kit was made (the PDF's dates come from it, so a kit is reproducible). */
  createdOn: string;
  key: Uint8Array;
}

const FIELD = 'kit';
const known = new Set(wordlist);
const CHECKSUM_CONTEXT = 'custodian recovery kit checksum';

function requireKey(key: Uint8Array): void {
  // A wrong length is a bug in the caller, not something a person typed: an internal error.
  if (key.length !== RECOVERY_KEY_BYTES) throw new Error(`a recovery key is ${RECOVERY_KEY_BYTES} bytes, not ${key.length}`);
}

/** The key as 24 words (BIP39, English list, with its checksum). */
export function recoveryWords(key: Uint8Array): string[] {
  requireKey(key);
  return entropyToMnemonic(key, wordlist).split(' ');
}

/**
 * Three words that confirm a printed kit is the one on screen (`init --confirm-checksum WORDS`):
 * the first 33 bits of SHA-256(context ‖ key), 11 bits a word. A digest of the whole key, not the
 * words' own 8-bit checksum (which only says a list is well formed): two kits share these three
 * words by chance once in 8 billion.
 */
export function kitChecksum(key: Uint8Array): string {
  requireKey(key);
  const digest = createHash('sha256').update(CHECKSUM_CONTEXT, 'utf8').update(key).digest();
  const bits = (BigInt(digest.readUInt32BE(0)) << 8n) | BigInt(digest[4] ?? 0); // the first 40 bits
  const first33 = bits >> 7n;
  return [22n, 11n, 0n].map((shift) => wordlist[Number((first33 >> shift) & 0x7ffn)] ?? '').join(' ');
}

/** Whether typed checksum words are the key's, whatever their case and spacing. */
export function checksumMatches(key: Uint8Array, typed: string): boolean {
  return typed.trim().toLowerCase().split(/[\s,]+/).join(' ') === kitChecksum(key);
}

/** A word as it may appear in a refusal: only the offending one, and never a page of text. */
function quoted(word: string): string {
  return `"${word.length > 20 ? `${word.slice(0, 20)}…` : word}"`;
}

interface Entry {
  position: number | null;
  word: string;
}

const NUMBER = /^\(?(\d{1,2})[.):]?$/;
const NUMBERED_WORD = /^\(?(\d{1,2})[.):]([a-z]+)$/;
const WORD = /^[a-z]+$/;

/**
 * One line as words, each with the number written before it if any; null when the line is not a
 * line of words (a heading, a date, a sentence ending in a full stop, "Trust: …").
 */
function lineEntries(line: string): Entry[] | null {
  const entries: Entry[] = [];
  let pending: number | null = null;
  for (const piece of line.toLowerCase().split(/[\s,]+/).filter((p) => p !== '')) {
    const number = NUMBER.exec(piece);
    const attached = NUMBERED_WORD.exec(piece);
    if (number !== null) pending = Number(number[1]);
    else if (attached !== null) entries.push({ position: Number(attached[1]), word: attached[2] ?? '' });
    else if (WORD.test(piece)) {
      entries.push({ position: pending, word: piece });
      pending = null;
    } else return null;
  }
  return entries.length > 0 ? entries : null;
}

/**
 * The words of a kit's text, in order. When some lines number every word they hold (the kit's
 * own layout, a 3-column grid read in any order), those lines alone are the words, sorted by
 * number, and everything else on the page is ignored. Otherwise the words are the lines that are
 * mostly list words (a typed or pasted line), in reading order: a heading such as "Recovery
 * words" has none, while a line with one mistyped word is still read, so the typo can be named.
 */
function kitEntries(text: string): Entry[] {
  const lines = text.split(/\r?\n/).map(lineEntries).filter((e): e is Entry[] => e !== null);
  const numbered = lines.filter((entries) => entries.every((e) => e.position !== null));
  if (numbered.length > 0) return numberedEntries(numbered.flat());
  return lines.filter((entries) => entries.filter((e) => known.has(e.word)).length * 2 > entries.length).flat().map((e) => ({ ...e, position: null }));
}

function numberedEntries(entries: Entry[]): Entry[] {
  const byPosition = new Map<number, Entry>();
  for (const entry of entries) {
    const position = entry.position ?? 0;
    if (position < 1 || position > RECOVERY_WORD_COUNT) {
      throw new CoreError('invalid_input', `There is no word ${position} in a recovery kit: it has words 1 to ${RECOVERY_WORD_COUNT}.`, FIELD);
    }
    if (byPosition.has(position)) throw new CoreError('invalid_input', `Word ${position} is given twice.`, FIELD);
    byPosition.set(position, entry);
  }
  return [...byPosition.values()].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

/**
 * The key back from the kit's text form: the kit's own text, the PDF's text, or the 24 words
 * typed in any layout (numbered or not, any case, any spacing). A refusal names the problem and
 * at most the one offending word: the rest of the words are the key.
 */
export function readRecoveryKit(text: string): Uint8Array {
  const entries = kitEntries(text);
  entries.forEach((entry, i) => {
    if (!known.has(entry.word)) {
      throw new CoreError('invalid_input', `Word ${entry.position ?? i + 1} ${quoted(entry.word)} is not a recovery-kit word.`, FIELD);
    }
  });
  if (entries.length === 0) throw new CoreError('invalid_input', `No recovery words were found: a recovery kit has ${RECOVERY_WORD_COUNT} words.`, FIELD);
  if (entries.length !== RECOVERY_WORD_COUNT) {
    const missing = entries.some((e) => e.position !== null)
      ? ` (word ${Array.from({ length: RECOVERY_WORD_COUNT }, (_, i) => i + 1).find((n) => !entries.some((e) => e.position === n))} is missing)`
      : '';
    throw new CoreError('invalid_input', `Found ${entries.length} words, but a recovery kit has ${RECOVERY_WORD_COUNT}${missing}.`, FIELD);
  }
  try {
    return mnemonicToEntropy(entries.map((e) => e.word).join(' '), wordlist);
  } catch {
    // Every word is on the list and there are 24: only the words' own checksum can have failed.
    throw new CoreError('invalid_input', `The ${RECOVERY_WORD_COUNT} words do not check out: one is wrong or two are swapped.`, FIELD);
  }
}

/** The trust's name on one line, whatever was typed (a line break would break the text form). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The 24 words as 8 rows of 3 numbered columns, numbered down each column (1–8, 9–16, 17–24). */
export function wordGrid(words: string[]): { position: number; word: string }[][] {
  const rows = RECOVERY_WORD_COUNT / 3;
  return Array.from({ length: rows }, (_, row) => [0, 1, 2].map((column) => ({ position: column * rows + row + 1, word: words[column * rows + row] ?? '' })));
}

export const KIT_PURPOSE =
  'This sheet opens every login the trust keeps in Custodian, and can make a new administrator if every administrator is gone. ' +
  "Keep it in the trust's safe, and never photograph, scan, copy or email it.";

export const KIT_STEPS = [
  'Print this page.',
  'Check the three checksum words on screen match the ones on this page.',
  "Put it in the trust's safe.",
  'Delete this file and empty the bin.',
];

/** The kit as plain text: what `--kit FILE` reads back, and what the PDF says, line for line. */
export function kitText(kit: KitInfo): string {
  const grid = wordGrid(recoveryWords(kit.key)).map((row) =>
    row
      .map(({ position, word }) => `${String(position).padStart(2, ' ')}. ${word}`.padEnd(16, ' '))
      .join('')
      .trimEnd(),
  );
  return [
    'Custodian recovery kit',
    '',
    `Trust: ${oneLine(kit.trustName)}`,
    `Vault: ${oneLine(kit.vaultId)}`,
    `Made on: ${kit.createdOn}`,
    '',
    KIT_PURPOSE,
    '',
    'Recovery words:',
    ...grid,
    '',
    `Checksum words: ${kitChecksum(kit.key)}`,
    '',
    'What to do now:',
    ...KIT_STEPS.map((step, i) => `${i + 1}. ${step}`),
    '',
  ].join('\n');
}
