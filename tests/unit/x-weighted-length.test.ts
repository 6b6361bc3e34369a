import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUrls, X_MAX_LENGTH, xTextFits, xWeightedLength } from '../../shared/posts/x-weighted-length';

describe("X's weighted length (twitter-text configuration v3)", () => {
  it('counts plain ASCII as 1 each: 280 fits, 281 does not', () => {
    expect(xWeightedLength('a'.repeat(280))).toBe(280);
    expect(xTextFits('a'.repeat(280))).toBe(true);
    expect(xWeightedLength('a'.repeat(281))).toBe(281);
    expect(xTextFits('a'.repeat(281))).toBe(false);
    expect(xWeightedLength('')).toBe(0);
  });

  it('counts CJK characters as 2 each: 140 fit, 141 do not', () => {
    expect(xWeightedLength('学'.repeat(140))).toBe(280);
    expect(xTextFits('学'.repeat(140))).toBe(true);
    expect(xTextFits('学'.repeat(141))).toBe(false);
    expect(xWeightedLength('こんにちは')).toBe(10);
    expect(xWeightedLength('안녕')).toBe(4);
  });

  it('weighs the light ranges as 1: Latin-1, Greek, Cyrillic, Hebrew, Arabic, and general punctuation', () => {
    expect(xWeightedLength('café')).toBe(4);
    expect(xWeightedLength('Ωμέγα')).toBe(5);
    expect(xWeightedLength('привет')).toBe(6);
    expect(xWeightedLength('\u2013\u2014\u2018\u2019\u201c\u201d')).toBe(6); // dashes and curly quotes
    expect(xWeightedLength('\u2032\u2037')).toBe(2); // primes
    expect(xWeightedLength('\u2026')).toBe(2); // the ellipsis (U+2026) is outside the ranges
    expect(xWeightedLength('€')).toBe(2); // U+20AC
  });

  it('counts a URL of any length as 23', () => {
    expect(xWeightedLength('https://t.co')).toBe(23);
    expect(xWeightedLength(`https://example.com/${'a'.repeat(300)}`)).toBe(23);
    expect(xWeightedLength('Read more: https://www.pendle.example/news/sports-day-2026?ref=x')).toBe('Read more: '.length + 23);
    expect(xWeightedLength('Visit www.pendleeducationtrust.org.uk today')).toBe('Visit '.length + 23 + ' today'.length);
    expect(xWeightedLength('see example.com.')).toBe('see '.length + 23 + 1);
    expect(xWeightedLength('two links: http://a.example/x and https://b.example/y')).toBe('two links: '.length + 23 + ' and '.length + 23);
    // Not links: an email address, a word with a dot, a scheme alone.
    expect(findUrls('head@pet.example.com')).toEqual([]);
    expect(findUrls('e.g. this')).toEqual([]);
    expect(findUrls('http:// nothing')).toEqual([]);
    expect(xWeightedLength(`${'a'.repeat(256)} https://example.com/${'b'.repeat(500)}`)).toBe(X_MAX_LENGTH);
  });

  it('counts an emoji as 2, a whole sequence included', () => {
    expect(xWeightedLength('👍')).toBe(2);
    expect(xWeightedLength('👍🏽')).toBe(2); // skin tone
    expect(xWeightedLength('👨‍👩‍👧‍👦')).toBe(2); // ZWJ family
    expect(xWeightedLength('🏳️‍🌈')).toBe(2);
    expect(xWeightedLength('🇬🇧')).toBe(2); // flag
    expect(xWeightedLength('1️⃣')).toBe(2); // keycap
    expect(xWeightedLength('❤️')).toBe(2);
    expect(xWeightedLength('Well done Year 6! 🎉🎉')).toBe('Well done Year 6! '.length + 4);
    expect(xTextFits('🎉'.repeat(140))).toBe(true);
    expect(xTextFits('🎉'.repeat(141))).toBe(false);
  });

  it('normalises to NFC first: a decomposed accent counts as the one character it composes', () => {
    expect(xWeightedLength('e\u0301')).toBe(1);
    expect(xWeightedLength('cafe\u0301')).toBe(xWeightedLength('café'));
    // Hangul jamo (light range) compose to a syllable (weight 2).
    expect(xWeightedLength('\u1100\u1161')).toBe(2);
  });

  // No '.', ':' or '/' so no text is a link (a link is 23 whatever its length, so text growing
  // into or out of one is a step, not a sum); no variation selectors or keycaps, which turn the
  // character before them into an emoji of weight 2 (1️⃣ counts less than 1️).
  const char = fc.oneof(
    fc.constantFrom('a', 'Z', ' ', '\n', 'é', 'e', '\u0301', 'Ω', 'д', '学', 'こ', '\u1100', '\u1161', '\u11a8', '—', '…', '👍', '🏽', '\u200d', '👩', '🇬', '🇧', '#', '@'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[.:/]|\uFE0E|\uFE0F|\u20E3/.test(c)),
  );
  const text = fc.array(char, { maxLength: 40 }).map((chars) => chars.join(''));

  it('never gets shorter when a character is added (property)', () => {
    fc.assert(
      fc.property(text, char, (before, added) => {
        expect(xWeightedLength(before + added)).toBeGreaterThanOrEqual(xWeightedLength(before));
      }),
      { numRuns: 2000 },
    );
  });

  it('weighs canonically equivalent strings the same (property)', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 60 })), (s) => {
        const weight = xWeightedLength(s);
        expect(xWeightedLength(s.normalize('NFD'))).toBe(weight);
        expect(xWeightedLength(s.normalize('NFC'))).toBe(weight);
      }),
      { numRuns: 2000 },
    );
  });

  it('is a whole number, at most 2 per code point when there is no link (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }).filter((s) => !/[.:]/.test(s)), (s) => {
        const weight = xWeightedLength(s);
        expect(Number.isInteger(weight)).toBe(true);
        expect(weight).toBeGreaterThanOrEqual(0);
        expect(weight).toBeLessThanOrEqual(2 * [...s.normalize('NFC')].length);
      }),
      { numRuns: 1000 },
    );
  });
});
