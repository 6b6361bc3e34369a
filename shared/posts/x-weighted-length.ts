/**
 * X's weighted length, as twitter-text's configuration v3 counts it (written here from the
 * published rules rather than taken as a dependency):
 * - the text is NFC-normalised first;
 * - each code point weighs 200, except those in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F
 *   and U+2032–U+2037, which weigh 100; the scale is 100, so 280 "characters" is 28,000 units
 *   (Latin, Greek, Cyrillic… count 1; CJK, and most other scripts, count 2);
 * - every URL counts 23, whatever its length (X wraps it in a t.co link);
 * - an emoji counts 2, including a whole sequence (skin tone, ZWJ family, flag, keycap).
 *
 * URLs: http(s):// links, and bare domains under the common top-level domains (example.com,
 * www.school.org.uk). twitter-text knows every TLD: a bare domain under a rare one counts here
 * as its characters rather than 23 (write the https:// to be sure).
 */
export const X_MAX_LENGTH = 280;
export const X_URL_LENGTH = 23;

const SCALE = 100;
const DEFAULT_WEIGHT = 200;
const LIGHT_WEIGHT = 100;
const EMOJI_WEIGHT = 200;
const URL_WEIGHT = X_URL_LENGTH * SCALE;
const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const TLDS = [
  'com', 'org', 'net', 'edu', 'gov', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'app', 'dev', 'io', 'ai', 'co', 'me', 'tv', 'ly', 'fm',
  'uk', 'ie', 'eu', 'us', 'ca', 'au', 'nz', 'in', 'de', 'fr', 'es', 'it', 'nl', 'be', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'pl', 'pt', 'jp', 'cn', 'kr', 'za',
  'news', 'online', 'site', 'blog', 'school', 'academy', 'education', 'church', 'charity', 'london', 'scot', 'wales', 'cymru', 'page', 'link', 'xyz', 'shop', 'store',
];

// A link starts where a word does (not after a letter, digit, @, # or $) and runs to the next
// space; trailing punctuation (the full stop ending a sentence) is not part of it.
const URL_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}@#$_./-])(?:https?:\/\/[^\s<>"]+|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${TLDS.join('|')})(?![\p{L}\p{N}_-])(?::\d{1,5})?(?:\/[^\s<>"]*)?)`,
  'giu',
);
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// An emoji: a pictograph shown as emoji (by default, or asked for with U+FE0F, or joined or
// toned), a flag's regional indicators, or a keycap.
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI_STYLE = /\p{Emoji_Presentation}|\uFE0F|\u200D|\p{Emoji_Modifier}/u;
const FLAG_OR_KEYCAP = /\p{Regional_Indicator}|\u20E3/u;

function isEmoji(grapheme: string): boolean {
  return (PICTOGRAPH.test(grapheme) && EMOJI_STYLE.test(grapheme)) || FLAG_OR_KEYCAP.test(grapheme);
}

function codePointWeight(codePoint: number): number {
  for (const [from, to] of LIGHT_RANGES) if (codePoint >= from && codePoint <= to) return LIGHT_WEIGHT;
  return DEFAULT_WEIGHT;
}

function plainUnits(text: string): number {
  let units = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (isEmoji(segment)) {
      units += EMOJI_WEIGHT;
      continue;
    }
    for (const char of segment) units += codePointWeight(char.codePointAt(0) as number);
  }
  return units;
}

/** Where the links are in (NFC) text: [start, end) pairs, in order. */
export function findUrls(text: string): [number, number][] {
  const found: [number, number][] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const trimmed = match[0].replace(TRAILING_PUNCTUATION, '');
    // 'http://' alone, or a scheme with only punctuation after it, is not a link.
    if (/^https?:\/\/$/i.test(trimmed) || trimmed === '') continue;
    found.push([match.index, match.index + trimmed.length]);
  }
  return found;
}

/** The weighted length in X's "characters" (an integer: every weight is a multiple of the scale). */
export function xWeightedLength(text: string): number {
  const normal = text.normalize('NFC');
  let units = 0;
  let cursor = 0;
  for (const [start, end] of findUrls(normal)) {
    units += plainUnits(normal.slice(cursor, start)) + URL_WEIGHT;
    cursor = end;
  }
  units += plainUnits(normal.slice(cursor));
  return units / SCALE;
}

export function xTextFits(text: string): boolean {
  return xWeightedLength(text) <= X_MAX_LENGTH;
}
