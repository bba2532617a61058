import PptxGenJS from 'pptxgenjs';
import { chartPng, CHART_SIZE } from './charts';
import type { DocumentSection, SteeringDocument } from './steering-document';

/**
 * A steering document as a 16:9 deck (pptxgenjs): a title slide, then a slide per section with its heading,
 * lines, table and chart (a PNG from @uptake/render). Written to a Buffer, never to disk.
 */

const WIDTH = 10;
const INK = '111827';
const MUTED = '6B7280';
const HEADER_FILL = 'E0E7FF';

export async function writePptx(document: SteeringDocument): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = document.title;
  pptx.company = 'Uptake';
  const title = pptx.addSlide();
  title.addText(document.title, { x: 0.5, y: 1.4, w: WIDTH - 1, h: 1, fontSize: 30, bold: true, color: INK });
  title.addText(document.subtitle.join('\n'), {
    x: 0.5,
    y: 2.6,
    w: WIDTH - 1,
    h: 2.4,
    fontSize: 12,
    color: MUTED,
    valign: 'top',
  });
  for (const section of document.sections) addSection(pptx.addSlide(), section);
  const output = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.from(output as Uint8Array);
}

function addSection(slide: PptxGenJS.Slide, section: DocumentSection): void {
  slide.addText(section.heading, {
    x: 0.4,
    y: 0.25,
    w: WIDTH - 0.8,
    h: 0.6,
    fontSize: 24,
    bold: true,
    color: INK,
  });
  let y = 0.95;
  if (section.lines.length > 0) {
    const height = Math.min(2.2, 0.3 * section.lines.length + 0.1);
    slide.addText(
      section.lines.map((line) => ({ text: line, options: { breakLine: true } })),
      { x: 0.4, y, w: WIDTH - 0.8, h: height, fontSize: section.chart ? 12 : 14, color: INK, valign: 'top' },
    );
    y += height + 0.1;
  }
  if (section.table) {
    const header = section.table.columns.map((text) => ({
      text,
      options: { bold: true, fill: { color: HEADER_FILL } },
    }));
    const rows = section.table.rows.map((cells) => cells.map((text) => ({ text })));
    slide.addTable([header, ...rows], {
      x: 0.4,
      y,
      w: WIDTH - 0.8,
      fontSize: 10,
      color: INK,
      autoPage: true,
    });
  }
  if (section.chart) {
    const width = Math.min(WIDTH - 0.8, ((5.4 - y) * CHART_SIZE.width) / CHART_SIZE.height);
    slide.addImage({
      data: `image/png;base64,${chartPng(section.chart).toString('base64')}`,
      x: (WIDTH - width) / 2,
      y,
      w: width,
      h: (width * CHART_SIZE.height) / CHART_SIZE.width,
    });
  }
}
