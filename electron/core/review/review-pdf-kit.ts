import { newPdfDocument } from '../pdf/pdf-document';

/** A4 in points, with 50 pt margins: 495 pt of width for text, tables and charts. */
const MARGIN = 50;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const BAR = '#2f6fab';
const BAR_LOW = '#c2410c';

export interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * The few layout pieces the review PDF needs on top of pdfkit: headings, plain paragraphs,
 * "label: value" figures (one text run each, so the numbers read back whole), tables that
 * carry their header onto the next page, and bar charts drawn with rectangles. Only the
 * standard PDF fonts: nothing to embed, nothing fetched.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;

  private constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
    this.doc.fillColor(INK).font('Helvetica').fontSize(10);
  }

  static async create(info: { title: string; author: string; subject: string }): Promise<PdfWriter> {
    return new PdfWriter(
      await newPdfDocument({
        size: 'A4',
        margin: MARGIN,
        bufferPages: true,
        info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Custodian' },
      }),
    );
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, size = 24): void {
    this.doc.font('Helvetica-Bold').fontSize(size).fillColor(INK).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4);
  }

  heading(text: string): void {
    this.ensure(80);
    this.doc.moveDown(0.6);
    this.doc.font('Helvetica-Bold').fontSize(14).fillColor(INK).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  subheading(text: string): void {
    this.ensure(50);
    this.doc.moveDown(0.3);
    this.doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
  }

  paragraph(text: string, options: { muted?: boolean; size?: number } = {}): void {
    this.doc
      .font('Helvetica')
      .fontSize(options.size ?? 10)
      .fillColor(options.muted === true ? MUTED : INK)
      .text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    this.doc.fillColor(INK);
  }

  /** Lines of 'Label: value', each one text run. */
  figures(rows: [string, string | number][]): void {
    this.doc.font('Helvetica').fontSize(10).fillColor(INK);
    // Keep a short block together on one page.
    if (rows.length <= 12) this.ensure(rows.length * 14);
    for (const [label, value] of rows) {
      this.ensure(14);
      this.doc.text(`${label}: ${value}`, MARGIN, this.doc.y, { width: this.width });
    }
    this.doc.moveDown(0.3);
  }

  /**
   * A table; a row that does not fit goes to the next page with the header again. With `cap`,
   * only the first `limit` rows are drawn (then the totals row, if any) and a line says how many
   * there are in all and where the rest is: the PDF is for reading, the workbook and audit.csv
   * hold every row, and laying out thousands of rows is what made a big trust's pack slow.
   */
  table(columns: PdfColumn[], rows: string[][], empty: string, cap?: { limit: number; rest: string; totals?: string[] }): void {
    if (rows.length === 0) {
      this.paragraph(empty, { muted: true });
      return;
    }
    const shown = cap === undefined ? rows : rows.slice(0, cap.limit);
    const size = 8;
    const pad = 3;
    const drawRow = (cells: string[], bold: boolean) => {
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
      const height = Math.max(...cells.map((cell, i) => this.doc.heightOfString(cell, { width: (columns[i]?.width ?? 40) - pad * 2 }))) + pad * 2;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (!bold) drawRow(columns.map((c) => c.header), true);
      }
      const top = this.doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const column = columns[i];
        const width = column?.width ?? 40;
        this.doc.fillColor(INK).text(cell, x + pad, top + pad, { width: width - pad * 2, align: column?.align ?? 'left' });
        x += width;
      });
      const end = top + height;
      this.doc.moveTo(MARGIN, end).lineTo(MARGIN + columns.reduce((sum, c) => sum + c.width, 0), end).lineWidth(bold ? 0.8 : 0.3).strokeColor(RULE).stroke();
      this.doc.y = end;
      this.doc.x = MARGIN;
    };
    this.ensure(40);
    drawRow(columns.map((c) => c.header), true);
    for (const row of shown) drawRow(row, false);
    if (cap?.totals !== undefined) drawRow(cap.totals, true);
    if (cap !== undefined && rows.length > shown.length) {
      this.doc.moveDown(0.3);
      this.paragraph(`Showing ${shown.length} of ${rows.length.toLocaleString('en-GB')}. ${cap.rest}`, { muted: true, size: 8 });
    }
    this.doc.moveDown(0.6);
  }

  /**
   * A bar chart: one bar per value against `max`, labels under every `labelEvery`-th bar, and
   * bars under `low` (a share, when given) in a second colour so gaps stand out.
   */
  barChart(options: { values: number[]; labels: string[]; max: number; labelEvery: number; caption: string; valueText?: (value: number) => string; low?: number }): void {
    const chartHeight = 120;
    this.ensure(chartHeight + 50);
    const top = this.doc.y + 6;
    const base = top + chartHeight;
    const left = MARGIN + 24;
    const width = this.width - 24;
    const count = Math.max(options.values.length, 1);
    const slot = width / count;
    const bar = Math.max(slot * 0.7, 1);
    const max = options.max > 0 ? options.max : 1;
    this.doc.font('Helvetica').fontSize(7).fillColor(MUTED);
    this.doc.text(options.valueText?.(max) ?? String(max), MARGIN, top - 3, { width: 22, align: 'right', lineBreak: false });
    this.doc.text(options.valueText?.(0) ?? '0', MARGIN, base - 6, { width: 22, align: 'right', lineBreak: false });
    this.doc.moveTo(left, top).lineTo(left + width, top).lineWidth(0.3).strokeColor(RULE).stroke();
    this.doc.moveTo(left, base).lineTo(left + width, base).lineWidth(0.8).strokeColor(MUTED).stroke();
    options.values.forEach((value, i) => {
      const height = (Math.min(value, max) / max) * chartHeight;
      const x = left + i * slot + (slot - bar) / 2;
      const low = options.low !== undefined && value / max < options.low;
      // A low week with nothing at all still gets a sliver, so a gap shows as a gap, not as no data.
      const drawn = low ? Math.max(height, 2) : height;
      if (drawn > 0) this.doc.rect(x, base - drawn, bar, drawn).fillColor(low ? BAR_LOW : BAR).fill();
      if (i % options.labelEvery === 0) {
        const labelWidth = Math.min(slot * options.labelEvery, 60);
        this.doc
          .fillColor(MUTED)
          .fontSize(6.5)
          .text(options.labels[i] ?? '', left + i * slot + slot / 2 - labelWidth / 2, base + 3, { width: labelWidth, align: 'center', lineBreak: false });
      }
    });
    this.doc.fillColor(INK);
    this.doc.y = base + 16;
    this.doc.x = MARGIN;
    this.paragraph(options.caption, { muted: true, size: 8 });
  }

  /** 'Page n of m' and the pack's name at the foot of every page, once all pages exist. */
  footers(text: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      // Writing inside the bottom margin would start a new page: lift the margin for the footer.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font('Helvetica')
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(`${text} · Page ${i + 1} of ${range.count}`, MARGIN, this.doc.page.height - MARGIN + 18, { width: this.width, align: 'center', lineBreak: false });
      this.doc.page.margins.bottom = margin;
    }
  }
}
