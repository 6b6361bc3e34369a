import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_SCHEMA_VERSION, type ReviewData } from '../../electron/core/review/review-model';
import { writeReviewPdf } from '../../electron/core/review/review-pdf';
import { writeReviewXlsx } from '../../electron/core/review/review-xlsx';
import { tempDir } from '../support/test-vault';

const STANDARD_FONTS = `${fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url))}`;

async function pdfPages(path: string): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), disableFontFace: true, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages;
}

const CHANNELS = 400;
const CHANGES = 3000;
const label = (i: number) => `x:@school${String(i).padStart(3, '0')}`;

/** A big trust's year: far more rows than a governor reads, so the PDF shows the top and the workbook every row. */
function bigYear(): ReviewData {
  const byChannel = Array.from({ length: CHANNELS }, (_, i) => ({ channel: label(i), reveal: i, copy: 1, totp: 2, total: i + 3 }));
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    trust: 'Big Trust',
    school: null,
    period: { from: '2025-09-01', to: '2026-08-31' },
    generated: { at: '2026-09-01T10:00:00.000Z', byName: 'Alex Admin', byEmail: 'alex@trust.example' },
    auditHead: { seq: 1, hash: 'ab'.repeat(32) },
    signingKeyFingerprint: 'AB CD',
    policy: { profileReviewDate: '2026-01-31', lastReview: null, reviewsInPeriod: [], nextReviewOn: '2026-01-31' },
    compliance: { asOf: '2026-09-01', counts: { high: 0, medium: 0, low: 0 }, findings: [] },
    channels: byChannel.map((c) => ({ label: c.channel, platform: 'x', handle: c.channel.slice(2), name: c.channel, school: 'S1', purpose: null, twoFactor: 'app', registrationEmail: null, mailboxDedicated: null })),
    access: {
      atEnd: [],
      changes: Array.from({ length: CHANGES }, (_, i) => ({
        // Winter (GMT) rows first, then summer (BST) ones.
        at: i < CHANGES / 2 ? '2026-01-15T08:30:15.000Z' : '2026-06-15T08:30:15.000Z',
        change: 'granted' as const,
        channel: label(i % CHANNELS),
        holderName: `Person ${i}`,
        holderEmail: `person${i}@trust.example`,
        by: 'alex@trust.example',
        reason: null,
      })),
    },
    credentialUse: {
      total: byChannel.reduce((sum, c) => sum + c.total, 0),
      denied: 0,
      byChannel,
      byPerson: [],
    },
    rotations: [],
    training: [],
    inbox: { items: [], total: 0, responded: 0, onTime: 0, breaches: 0, open: 0 },
    monitoring: { weeks: [], channels: [] },
    incidents: { items: [], escalations: 0 },
    posts: { months: ['2025-09'], byChannel: byChannel.map((c, i) => ({ channel: c.channel, perMonth: [i], total: i })), total: byChannel.reduce((sum, _c, i) => sum + i, 0) },
  };
}

describe('the review pack for a big trust', () => {
  const dir = tempDir('custodian-review-cap-');
  const data = bigYear();
  let pages: string[];
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    await writeReviewPdf(data, join(dir.path, 'review.pdf'));
    await writeReviewXlsx(data, join(dir.path, 'review.xlsx'));
    pages = await pdfPages(join(dir.path, 'review.pdf'));
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir.path, 'review.xlsx'));
  }, 60_000);
  afterAll(() => dir.remove());

  it('gives governors the top of each long list with its totals, and says where every row is', () => {
    // pdf.js gives a table's cells as separate runs: read them with single spaces.
    const text = pages.join(' ').replace(/\s+/g, ' ');
    // Thousands of rows would be hundreds of pages; the top 25 of each list is a few.
    expect(pages.length).toBeLessThan(25);
    expect(text).toContain('Access granted in the period: 3000');
    expect(text).toContain('Showing 25 of 3,000. Every row is in review.xlsx, sheet "Access changes".');
    expect(text).toContain('Showing 25 of 400. Every row is in review.xlsx, sheet "Use by channel".');
    // Most used first, and the totals row counts every channel, not just those shown.
    const use = data.credentialUse;
    expect(text).toContain(`${label(CHANNELS - 1)} ${CHANNELS - 1} 1 2 ${CHANNELS + 2}`);
    expect(text).not.toContain(`${label(0)} 0 1 2 3`);
    expect(text).toContain(`All channels ${use.byChannel.reduce((s, c) => s + c.reveal, 0)} ${CHANNELS} ${2 * CHANNELS} ${use.total}`);
    expect(text).toContain(`Credential uses in the period: ${use.total}`);
    expect(text).toContain(`Posts published in the period: ${data.posts.total}`);
    expect(text).toContain(`All channels ${data.posts.total} ${data.posts.total}`);
  });

  it('keeps every row in the workbook, with UK times as real dates', () => {
    const changes = book.getWorksheet('Access changes');
    expect(changes?.rowCount).toBe(CHANGES + 1);
    expect(changes?.getRow(2).getCell(1).value).toEqual(new Date('2026-01-15T08:30:15.000Z'));
    expect(changes?.getRow(CHANGES + 1).getCell(1).value).toEqual(new Date('2026-06-15T09:30:15.000Z'));
    let uses = 0;
    book.getWorksheet('Use by channel')?.eachRow((row, n) => (uses += n === 1 ? 0 : Number(row.getCell(5).value)));
    expect(uses).toBe(data.credentialUse.total);
    expect(book.getWorksheet('Use by channel')?.rowCount).toBe(CHANNELS + 1);
  });
});
