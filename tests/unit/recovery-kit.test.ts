import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../electron/core/errors';
import { checksumMatches, kitChecksum, kitText, readRecoveryKit, recoveryWords, type KitInfo } from '../../electron/core/keys/recovery-kit';
import { kitQrPng, renderKitPdf, writeKitPdf } from '../../electron/core/keys/recovery-kit-pdf';
import { tempDir } from '../support/test-vault';

/** Makes the kit's one file write fail halfway (a full disk), to show a failure leaves nothing behind. */
const failWrite = vi.hoisted(() => ({ on: false }));
vi.mock('../../electron/core/files/private-files', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../electron/core/files/private-files')>();
  return {
    ...actual,
    writePrivateFile: (path: string, data: string | Uint8Array, flag?: 'w' | 'wx') => {
      if (!failWrite.on) return actual.writePrivateFile(path, data, flag);
      actual.writePrivateFile(path, data.slice(0, 100), flag);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    },
  };
});

const PDFTOTEXT = '/usr/bin/pdftotext';
const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

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

async function asyncRefusal(call: () => Promise<unknown>): Promise<CoreError> {
  const error = await call().then(
    () => expect.fail('expected a CoreError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
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

describe('kit PDF', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('custodian-kit-');
    failWrite.on = false;
  });
  afterEach(() => dir.remove());

  it('is a private PDF file, with nothing else left in the folder', async () => {
    const path = join(dir.path, 'kit.pdf');
    await writeKitPdf(kit(), path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual(['kit.pdf']);
  });

  it('is the same file for the same kit (its dates are the kit day, not the clock)', async () => {
    expect((await renderKitPdf(kit())).equals(await renderKitPdf(kit()))).toBe(true);
  });

  it('refuses an existing file (never overwrites a kit), a folder and a missing folder', async () => {
    const existing = join(dir.path, 'old-kit.pdf');
    writeFileSync(existing, 'the old kit');
    const exists = await asyncRefusal(() => writeKitPdf(kit(), existing));
    expect([exists.code, exists.field]).toEqual(['invalid_input', 'kit']);
    expect(exists.message).toMatch(/already exists/);
    expect(readFileSync(existing, 'utf8')).toBe('the old kit');

    mkdirSync(join(dir.path, 'folder'));
    expect((await asyncRefusal(() => writeKitPdf(kit(), join(dir.path, 'folder')))).message).toMatch(/is a folder, not a file/);
    const missing = await asyncRefusal(() => writeKitPdf(kit(), join(dir.path, 'nowhere', 'kit.pdf')));
    expect(missing.message).toBe(`The folder ${join(dir.path, 'nowhere')} does not exist.`);
    expect(missing.field).toBe('kit');
    expect(readdirSync(dir.path).sort()).toEqual(['folder', 'old-kit.pdf']);
  });

  it('leaves no file, whole or partial, when writing fails', async () => {
    failWrite.on = true;
    await expect(writeKitPdf(kit(), join(dir.path, 'kit.pdf'))).rejects.toThrow(/ENOSPC/);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('carries the words in a QR code that decodes back to the key', async () => {
    const png = PNG.sync.read(await kitQrPng(kit()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(recoveryWords(KEY).join(' '));
    expect(readRecoveryKit(decoded?.data ?? '')).toEqual(KEY);
  });

  it('keeps the words out of the metadata, which shows without opening the page', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await renderKitPdf(kit())), disableFontFace: true, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
    const { info, metadata } = (await pdf.getMetadata()) as { info: Record<string, unknown>; metadata: unknown };
    await pdf.destroy();
    expect(metadata).toBeNull();
    expect(info).toMatchObject({ Title: 'Custodian recovery kit — Pendle Education Trust', Subject: 'Recovery kit', Author: 'Custodian', Creator: 'Custodian' });
    expect(info.Keywords).toBeUndefined();
    const words = new Set(recoveryWords(KEY));
    const title = String(info.Title).toLowerCase().split(/\W+/);
    expect(title.filter((w) => words.has(w))).toEqual([]);
  });

  it('is one A4 sheet, even for a very long trust name', async () => {
    for (const trustName of ['Pendle Education Trust', 'The Diocese of Blackburn Church of England Multi-Academy Trust for East Lancashire and the Ribble Valley '.repeat(3)]) {
      const pdf = await getDocument({ data: new Uint8Array(await renderKitPdf({ ...kit(), trustName })), disableFontFace: true, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
      const page = await pdf.getPage(1);
      expect([pdf.numPages, Math.round(page.view[2] ?? 0), Math.round(page.view[3] ?? 0)]).toEqual([1, 595, 842]);
      await pdf.destroy();
    }
  });

  const noPdftotext = !existsSync(PDFTOTEXT);
  it.skipIf(noPdftotext)(
    noPdftotext
      ? `SKIPPED: ${PDFTOTEXT} is missing (install Debian poppler-utils), so the page text of the kit PDF is NOT checked`
      : 'has all 24 words and the checksum as page text, which reads back to the key',
    async () => {
      for (const key of [KEY, randomKey(), new Uint8Array(32).fill(0xff)]) {
        const path = join(dir.path, `kit-${key[0]}-${key[1]}.pdf`);
        await writeKitPdf(kit(key), path);
        const text = execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
        recoveryWords(key).forEach((word, i) => expect(text).toMatch(new RegExp(`\\b${i + 1}\\. ${word}\\b`)));
        expect(text).toContain(kitChecksum(key));
        expect(text).toContain('Custodian recovery kit — Pendle Education Trust');
        expect(text).toContain('4. Delete this file and empty the bin.');
        expect(readRecoveryKit(text)).toEqual(key);
      }
    },
  );
});
