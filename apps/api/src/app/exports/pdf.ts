import PDFDocument from 'pdfkit';
import { chartPng, CHART_SIZE } from './charts';
import type { DocumentSection, SteeringDocument } from './steering-document';

/**
 * A steering document as PDF (pdfkit, A4): a title page, then a page per section: heading, lines, a simple
 * table and the section's chart as a PNG. Helvetica covers the Latin-1 and Windows-1252 characters the
 * English and Dutch catalogues use.
 */

const MARGIN = 50;
const INK = '#111827';
const MUTED = '#6b7280';

export function writePdf(document: SteeringDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: document.title, Creator: 'Uptake' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(22).fillColor(INK).text(document.title);
  pdf.moveDown();
  pdf.font('Helvetica').fontSize(10).fillColor(MUTED);
  for (const line of document.subtitle) pdf.text(line);
  for (const section of document.sections) {
    pdf.addPage();
    writeSection(pdf, section);
  }
  pdf.end();
  return done;
}

function contentWidth(pdf: PDFKit.PDFDocument): number {
  return pdf.page.width - 2 * MARGIN;
}

function writeSection(pdf: PDFKit.PDFDocument, section: DocumentSection): void {
  pdf.font('Helvetica-Bold').fontSize(16).fillColor(INK).text(section.heading);
  pdf.moveDown(0.5);
  pdf.font('Helvetica').fontSize(11);
  for (const line of section.lines) pdf.text(line).moveDown(0.2);
  if (section.table) writeTable(pdf, section.table);
  if (section.chart) {
    pdf.moveDown();
    const width = contentWidth(pdf);
    const height = (width * CHART_SIZE.height) / CHART_SIZE.width;
    if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
    pdf.image(chartPng(section.chart, 1.5), MARGIN, pdf.y, { width, height });
    pdf.y += height;
  }
}

function writeTable(pdf: PDFKit.PDFDocument, table: NonNullable<DocumentSection['table']>): void {
  pdf.moveDown(0.5);
  const width = contentWidth(pdf) / table.columns.length;
  const row = (cells: string[], bold: boolean) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const height = Math.max(...cells.map((cell) => pdf.heightOfString(cell, { width: width - 6 }))) + 6;
    if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
    const top = pdf.y;
    cells.forEach((cell, index) => pdf.text(cell, MARGIN + index * width, top + 3, { width: width - 6 }));
    pdf
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + contentWidth(pdf), top + height)
      .strokeColor('#e5e7eb')
      .stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  row(table.columns, true);
  for (const cells of table.rows) row(cells, false);
  pdf.font('Helvetica').fontSize(11);
}
