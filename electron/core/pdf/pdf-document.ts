/**
 * A new pdfkit document. pdfkit is loaded on first use, not at start-up: it costs a tenth of a
 * second that every `custodian` command would otherwise pay, and only the review pack and the
 * recovery kit write PDFs.
 */
export async function newPdfDocument(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  return new PDFDocument(options);
}
