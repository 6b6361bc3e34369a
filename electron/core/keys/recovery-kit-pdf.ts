import { randomBytes } from 'node:crypto';
import { linkSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CoreError } from '../errors';
import { writePrivateFile } from '../files/private-files';
import { newPdfDocument } from '../pdf/pdf-document';
import { ukDate } from '../review/review-words';
import { KIT_PURPOSE, KIT_STEPS, kitChecksum, oneLine, recoveryWords, wordGrid, type KitInfo } from './recovery-kit';

/**
 * The printable recovery kit: one A4 page for a head teacher or trust leader to print and lock
 * away. The words are the page's text (so the sheet can be typed back, and pdftotext reads it
 * back), and the same words as a QR code. Nothing secret goes in the metadata, which file
 * managers and search indexes show and copy without opening the page.
 */

const FIELD = 'kit';
const MARGIN = 50;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const PANEL = '#f5f7fa';
const WARN_FILL = '#fff8e6';
const WARN_LINE = '#d69e2e';

/** The PNG of the QR code the PDF carries: the 24 words, space-separated, as readRecoveryKit reads them. */
export async function kitQrPng(kit: KitInfo): Promise<Buffer> {
  // qrcode loads on first use, as pdfkit does (pdf/pdf-document.ts).
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(recoveryWords(kit.key).join(' '), { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Refuses a path the kit cannot go to, before anything is rendered or written. */
function checkTarget(target: string): void {
  const here = statOrNull(target);
  if (here?.isDirectory() === true) {
    throw new CoreError('invalid_input', `${target} is a folder, not a file: name the kit's file, e.g. ${join(target, 'recovery-kit.pdf')}.`, FIELD);
  }
  if (here !== null) throw new CoreError('invalid_input', `${target} already exists: a recovery kit is never written over another file. Choose a new name.`, FIELD);
  const folder = statOrNull(dirname(target));
  if (folder === null) throw new CoreError('invalid_input', `The folder ${dirname(target)} does not exist.`, FIELD);
  if (!folder.isDirectory()) throw new CoreError('invalid_input', `${dirname(target)} is not a folder.`, FIELD);
}

/**
 * Moves the finished temp file to its name without ever replacing a file that appeared there
 * meanwhile: a hard link fails if the name is taken, where a rename would silently replace it.
 * Some filesystems (a FAT USB stick) have no hard links; there, the name is checked and renamed.
 */
function placeWithoutOverwrite(temp: string, target: string): void {
  const exists = () => new CoreError('invalid_input', `${target} already exists: a recovery kit is never written over another file. Choose a new name.`, FIELD);
  try {
    linkSync(temp, target);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
  }
  if (statOrNull(target) !== null) throw exists();
  renameSync(temp, target);
}

/**
 * Writes the kit as a PDF, private (0600), all or nothing: rendered in memory, written to a
 * temp name in the same folder, then given its name. A failure leaves no file behind, and an
 * existing file is never replaced.
 */
export async function writeKitPdf(kit: KitInfo, path: string): Promise<void> {
  if (path.trim() === '') throw new CoreError('invalid_input', 'Name the file to write the recovery kit to.', FIELD);
  const target = resolve(path);
  checkTarget(target);
  const pdf = await renderKitPdf(kit);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writePrivateFile(temp, pdf, 'wx');
    placeWithoutOverwrite(temp, target);
  } finally {
    rmSync(temp, { force: true });
    // The bytes hold the words: they need not outlive the write.
    pdf.fill(0);
  }
}

/** The kit's PDF as bytes. Its dates are the kit's day, so the same kit gives the same file. */
export async function renderKitPdf(kit: KitInfo): Promise<Buffer> {
  const trust = oneLine(kit.trustName);
  const day = new Date(`${kit.createdOn}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(kit.createdOn) || Number.isNaN(day.getTime())) throw new Error(`createdOn must be YYYY-MM-DD, not ${kit.createdOn}`);
  const qr = await kitQrPng(kit);
  const doc = await newPdfDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Custodian recovery kit — ${trust}`, Author: 'Custodian', Creator: 'Custodian', Subject: 'Recovery kit', CreationDate: day, ModDate: day },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolveDone, reject) => {
    doc.on('end', resolveDone);
    doc.on('error', reject);
  });
  drawPage(doc, kit, trust, qr);
  doc.end();
  await done;
  qr.fill(0);
  const bytes = Buffer.concat(chunks);
  for (const chunk of chunks) chunk.fill(0);
  return bytes;
}

function drawPage(doc: PDFKit.PDFDocument, kit: KitInfo, trust: string, qr: Buffer): void {
  const width = doc.page.width - MARGIN * 2;
  const left = MARGIN;

  doc.font('Helvetica-Bold').fontSize(8).fillColor(MUTED).text('CUSTODIAN  ·  RECOVERY KIT  ·  KEEP IN THE SAFE', left, MARGIN, { width });
  doc.moveDown(0.6);
  const heading = `Custodian recovery kit — ${trust.length > 110 ? `${trust.slice(0, 110)}…` : trust}`;
  // A long trust name gets a smaller heading, so the page still holds everything on one sheet.
  doc.font('Helvetica-Bold');
  const size = [21, 18, 16, 14].find((s) => doc.fontSize(s).heightOfString(heading, { width }) <= s * 2.6) ?? 14;
  doc.fontSize(size).fillColor(INK).text(heading, left, doc.y, { width });
  doc.moveDown(0.25);
  doc.font('Helvetica').fontSize(9.5).fillColor(MUTED).text(`Vault ${oneLine(kit.vaultId)}   ·   Made on ${ukDate(kit.createdOn)}`, left, doc.y, { width });
  doc.moveDown(1);

  // What the sheet is, in a box that stands out on a printed page.
  doc.font('Helvetica-Bold').fontSize(11.5);
  const purposeHeight = doc.heightOfString(KIT_PURPOSE, { width: width - 28, lineGap: 2 }) + 24;
  const purposeTop = doc.y;
  doc.roundedRect(left, purposeTop, width, purposeHeight, 4).fillAndStroke(WARN_FILL, WARN_LINE);
  doc.fillColor(INK).text(KIT_PURPOSE, left + 14, purposeTop + 12, { width: width - 28, lineGap: 2 });
  doc.y = purposeTop + purposeHeight + 14;

  drawWords(doc, recoveryWords(kit.key), left, width);
  drawChecksumAndQr(doc, kitChecksum(kit.key), qr, left, width);
  drawSteps(doc, left, width);

  drawSafeRecord(doc, left, width);

  // The warning sits below the bottom margin, where pdfkit would otherwise start a new page.
  const footTop = doc.page.height - 40;
  doc.page.margins.bottom = 0;
  doc.moveTo(left, footTop - 8).lineTo(left + width, footTop - 8).lineWidth(0.5).strokeColor(RULE).stroke();
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      'Anyone holding this sheet can open every login the trust keeps in Custodian. If it is lost, or seen by someone who should not see it, tell your Custodian administrator the same day.',
      left,
      footTop,
      { width, lineGap: 1 },
    );
}

const WORD_SIZE = 17;
const ROW = 26;

/** The 24 words in a numbered 3-column grid, numbered down each column, large and in a fixed-width font. */
function drawWords(doc: PDFKit.PDFDocument, words: string[], left: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text('Your 24 recovery words', left, doc.y, { width });
  doc.moveDown(0.35);
  const grid = wordGrid(words);
  const top = doc.y;
  const height = grid.length * ROW + 16;
  doc.roundedRect(left, top, width, height, 4).fillAndStroke(PANEL, RULE);
  const column = width / 3;
  grid.forEach((row, r) => {
    const y = top + 8 + r * ROW;
    if (r > 0) doc.moveTo(left + 12, y).lineTo(left + width - 12, y).lineWidth(0.3).strokeColor(RULE).stroke();
    row.forEach(({ position, word }, c) => {
      const x = left + c * column + 16;
      // The number and the word share a baseline, so a text extractor reads them as one "7. word".
      doc.font('Courier').fontSize(WORD_SIZE).fillColor(MUTED).text(`${String(position).padStart(2, ' ')}.`, x, y + 6, { lineBreak: false, continued: true });
      doc.font('Courier-Bold').fillColor(INK).text(` ${word}`, { lineBreak: false });
    });
  });
  doc.y = top + height + 18;
}

function drawChecksumAndQr(doc: PDFKit.PDFDocument, checksum: string, qr: Buffer, left: number, width: number): void {
  const top = doc.y;
  const qrSize = 140;
  const textWidth = width - qrSize - 30;
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text('Checksum words', left, top, { width: textWidth });
  doc.moveDown(0.3);
  doc.font('Courier-Bold').fontSize(WORD_SIZE).fillColor(INK).text(checksum, left, doc.y, { width: textWidth });
  doc.moveDown(0.4);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(MUTED)
    .text('When Custodian makes this kit it shows three checksum words on screen. If they are the same as these, this sheet is the right one.', left, doc.y, { width: textWidth, lineGap: 1.5 });
  doc.moveDown(0.8);
  doc
    .fillColor(MUTED)
    .text('The QR code holds the same 24 words, for reading them back into Custodian in a recovery.', left, doc.y, { width: textWidth, lineGap: 1.5 });
  const textBottom = doc.y;
  doc.image(qr, left + width - qrSize, top, { width: qrSize, height: qrSize });
  doc.y = Math.max(textBottom, top + qrSize) + 14;
}

/** Lines to fill in by hand, so whoever opens the safe later knows who put the sheet there and when. */
function drawSafeRecord(doc: PDFKit.PDFDocument, left: number, width: number): void {
  // Just above the footer, so the space left by a short heading falls between the steps and the lines.
  const top = Math.max(doc.y + 10, doc.page.height - 104);
  const half = width / 2;
  doc.font('Helvetica').fontSize(10).fillColor(MUTED);
  doc.text('Put in the safe by', left, top, { lineBreak: false });
  doc.text('Date', left + half + 10, top, { lineBreak: false });
  const line = top + 30;
  doc.moveTo(left, line).lineTo(left + half - 20, line).lineWidth(0.6).strokeColor(MUTED).stroke();
  doc.moveTo(left + half + 10, line).lineTo(left + width, line).lineWidth(0.6).strokeColor(MUTED).stroke();
  doc.y = line + 10;
}

function drawSteps(doc: PDFKit.PDFDocument, left: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text('What to do now', left, doc.y, { width });
  doc.moveDown(0.4);
  KIT_STEPS.forEach((step, i) => {
    const y = doc.y;
    doc.rect(left, y + 1, 10, 10).lineWidth(0.8).strokeColor(INK).stroke();
    doc.font('Helvetica').fontSize(11.5).fillColor(INK).text(`${i + 1}. ${step}`, left + 20, y, { width: width - 20 });
    doc.moveDown(0.3);
  });
}
