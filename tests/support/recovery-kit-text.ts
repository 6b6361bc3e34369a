import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';

/** The kit's text as a person (or the CLI) reads it back from the PDF: poppler's pdftotext. */
export function kitPdfText(path: string): string {
  return execFileSync('/usr/bin/pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/** RFC 6238 (HMAC-SHA1, 30 s, 6 digits) from a base32 seed, written here apart from the core's. */
export function rfc6238(seedBase32: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of seedBase32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * How many of a kit's words appear in text as whole words. Some kit words are everyday words
 * ("trust", "example", "safe"), so a page or trail may hold one or two by chance; the kit leaking
 * would show most of its 24.
 */
export function kitWordsIn(text: string, words: string[]): number {
  return new Set(words.filter((word) => new RegExp(`\\b${word}\\b`, 'i').test(text))).size;
}
