import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../electron/core/errors';
import { checksumMatches, kitChecksum, kitText, readRecoveryKit, recoveryWords, type KitInfo } from '../../electron/core/keys/recovery-kit';

/** A fixed key, so the cases that depend on particular words (a swap the checksum catches) are the same every run. */
const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
const kit = (key: Uint8Array = KEY): KitInfo => ({ trustName: 'Pendle Education Trust', vaultId: 'vault-7f3a', createdOn: '2026-03-14', key });
const randomKey = () => new Uint8Array(randomBytes(32));

/** The CoreError a call throws, failing the test when it throws anything else or nothing. */
function refusal(call: () => unknown): CoreError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  return expect.fail('expected a CoreError');
}

describe('recovery words', () => {
  it('are the BIP39 encoding of the key: 32 zero bytes are "abandon" ×23 then "art" (the BIP39 test vector)', () => {
    expect(recoveryWords(new Uint8Array(32)).join(' ')).toBe(`${'abandon '.repeat(23)}art`);
    // The other end of the BIP39 vectors: 32 bytes of 0x7f.
    expect(recoveryWords(new Uint8Array(32).fill(0x7f)).join(' ')).toBe(`${'legal winner thank year wave sausage worth useful '.repeat(3)}`.replace(/useful $/, 'title'));
  });

  it('round-trip for random keys, as a plain line and as the kit text', () => {
    for (let i = 0; i < 50; i += 1) {
      const key = randomKey();
      const words = recoveryWords(key);
      expect(words).toHaveLength(24);
      expect(readRecoveryKit(words.join(' '))).toEqual(key);
      expect(readRecoveryKit(kitText(kit(key)))).toEqual(key);
    }
  });

  it('refuse a key that is not 32 bytes (a bug, not a person): not a CoreError', () => {
    expect(() => recoveryWords(new Uint8Array(16))).toThrow(/32 bytes/);
    expect(() => recoveryWords(new Uint8Array(16))).not.toThrow(CoreError);
  });
});

describe('readRecoveryKit', () => {
  const words = recoveryWords(KEY);

  it('accepts the kit text as it is, with its headings, checksum line and numbered steps', () => {
    const text = kitText(kit());
    expect(text).toContain('Pendle Education Trust');
    expect(text).toContain('vault-7f3a');
    expect(text).toContain('2026-03-14');
    expect(text).toContain(`Checksum words: ${kitChecksum(KEY)}`);
    expect(text).toMatch(/1\. Print this page\./);
    expect(readRecoveryKit(text)).toEqual(KEY);
  });

  it('accepts any case, spacing and numbering, and numbered words in any order', () => {
    expect(readRecoveryKit(words.join('  ').toUpperCase())).toEqual(KEY);
    expect(readRecoveryKit(`My words\n${words.slice(0, 12).join(' ')}\n\n   ${words.slice(12).join('\t')}  \n`)).toEqual(KEY);
    expect(readRecoveryKit(words.map((w, i) => `${i + 1}) ${w[0]?.toUpperCase()}${w.slice(1)}`).join('\n'))).toEqual(KEY);
    expect(readRecoveryKit(words.map((w, i) => `${i + 1}.${w}`).join(', '))).toEqual(KEY);
    // A grid read row by row (1 9 17, 2 10 18, …), as a text extractor may read the PDF.
    const rows = Array.from({ length: 8 }, (_, r) => [r, r + 8, r + 16].map((i) => `${i + 1}. ${words[i]}`).join('   '));
    expect(readRecoveryKit(`Recovery words\n${rows.join('\n')}\nChecksum words\n${kitChecksum(KEY)}`)).toEqual(KEY);
  });

  it('refuses a changed word, naming its position and that word only', () => {
    const changed = [...words];
    changed[6] = `${words[6]}x`;
    const error = refusal(() => readRecoveryKit(changed.join(' ')));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('kit');
    expect(error.message).toBe(`Word 7 "${words[6]}x" is not a recovery-kit word.`);
    for (const [i, word] of words.entries()) if (i !== 6) expect(error.message).not.toMatch(new RegExp(`\\b${word}\\b`));
    // In the kit's numbered layout the position is the word's number.
    const text = kitText(kit()).replace(` 7. ${words[6]}`, ' 7. qwerty');
    expect(refusal(() => readRecoveryKit(text)).message).toBe('Word 7 "qwerty" is not a recovery-kit word.');
  });

  it('refuses 23 words and 25 words, without echoing any', () => {
    const short = refusal(() => readRecoveryKit(words.slice(0, 23).join(' ')));
    expect(short.message).toBe('Found 23 words, but a recovery kit has 24.');
    const long = refusal(() => readRecoveryKit([...words, 'abandon'].join(' ')));
    expect(long.message).toBe('Found 25 words, but a recovery kit has 24.');
    const numbered = refusal(() => readRecoveryKit(kitText(kit()).replace(/\b12\. [a-z]+/, '')));
    expect(numbered.message).toBe('Found 23 words, but a recovery kit has 24 (word 12 is missing).');
    for (const error of [short, long, numbered]) for (const word of words) expect(error.message).not.toMatch(new RegExp(`\\b${word}\\b`));
    expect(refusal(() => readRecoveryKit('Custodian recovery kit\nTrust: Pendle')).message).toMatch(/No recovery words were found/);
  });

  it('refuses a swapped pair and a wrong list word by the checksum, naming no word', () => {
    const swapped = [...words];
    [swapped[3], swapped[4]] = [words[4] ?? '', words[3] ?? ''];
    expect(swapped[3]).not.toBe(swapped[4]);
    const changed = [...words];
    changed[10] = words[10] === 'zoo' ? 'abandon' : 'zoo';
    for (const attempt of [swapped, changed]) {
      const error = refusal(() => readRecoveryKit(attempt.join(' ')));
      expect(error.code).toBe('invalid_input');
      expect(error.field).toBe('kit');
      expect(error.message).toBe('The 24 words do not check out: one is wrong or two are swapped.');
    }
  });

  it('refuses a number given twice or out of range', () => {
    const twice = words.map((w, i) => `${i === 5 ? 5 : i + 1}. ${w}`).join('\n');
    expect(refusal(() => readRecoveryKit(twice)).message).toBe('Word 5 is given twice.');
    const beyond = words.map((w, i) => `${i + 2}. ${w}`).join('\n');
    expect(refusal(() => readRecoveryKit(beyond)).message).toBe('There is no word 25 in a recovery kit: it has words 1 to 24.');
  });
});

describe('kit checksum', () => {
  it('is three list words, stable for a key, different for another key, and not the words themselves', () => {
    const checksum = kitChecksum(KEY);
    expect(checksum).toMatch(/^[a-z]+ [a-z]+ [a-z]+$/);
    expect(kitChecksum(new Uint8Array(KEY))).toBe(checksum);
    expect(kitChecksum(randomKey())).not.toBe(checksum);
    // SHA-256("custodian recovery kit checksum" ‖ 32 zero bytes) starts 73e78c5361: its first 33 bits,
    // 01110011111 00111100011 00010100110, are words 927, 483 and 166 of the list (worked out with Python's hashlib).
    expect(kitChecksum(new Uint8Array(32))).toBe('initial detect below');
  });

  it('matches what is typed whatever the case and spacing, and nothing else', () => {
    const [a, b, c] = kitChecksum(KEY).split(' ');
    expect(checksumMatches(KEY, `${a} ${b} ${c}`)).toBe(true);
    expect(checksumMatches(KEY, `  ${a?.toUpperCase()}\t${b}   ${c}\n`)).toBe(true);
    expect(checksumMatches(KEY, `${a}, ${b}, ${c}`)).toBe(true);
    expect(checksumMatches(KEY, `${b} ${a} ${c}`)).toBe(false);
    expect(checksumMatches(KEY, `${a} ${b}`)).toBe(false);
    expect(checksumMatches(randomKey(), `${a} ${b} ${c}`)).toBe(false);
  });
});
