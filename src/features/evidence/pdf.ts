// What every funders' document shares: an A4 page, the EU emblem with its caption and the
// network's name on top, the funding mention and the page number at the bottom. PDFKit is
// loaded on first use only (the app does not pay for it until someone asks for a document).
import type { FundingText } from '../network/model.ts';
import { EMBLEM_BLUE, EMBLEM_GOLD, euEmblem } from './emblem.ts';

export type Pdf = PDFKit.PDFDocument;

/** A4 in points, and the margins every document keeps. */
export const PAGE = { width: 595.28, height: 841.89, margin: 36 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Where the footer starts: content stops above it. */
export const FOOTER_TOP = PAGE.height - PAGE.margin - 34;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#9a9a9a';

/** PDFKit, imported once: a pack prints thousands of documents. */
const importPdfKit = () => import('pdfkit').then((module) => module.default);
let pdfKit: ReturnType<typeof importPdfKit> | undefined;
const loadPdfKit = () => {
  pdfKit ??= importPdfKit();
  return pdfKit;
};

/** The texts a document prints in its frame (top band and footer). */
export interface DocumentFrame {
  funding: FundingText;
  emblemCaption: string;
  /** « Page 2 sur 3 ». */
  pageLabel: (page: number, pages: number) => string;
}

/**
 * Renders a document: `draw` fills the pages (adding pages as it needs), then each page gets
 * its footer with its number. `created` dates the file (the injected clock's now).
 */
export async function renderPdf(
  meta: { title: string; author: string; created: Date },
  frame: DocumentFrame,
  draw: (doc: Pdf) => void,
): Promise<{ bytes: Buffer; pages: number }> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Creator: 'Tiers-Lieux', CreationDate: meta.created, ModDate: meta.created },
  });
  printingWinAnsi(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  draw(doc);
  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    footer(doc, frame, page - start + 1, count);
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages: count };
}

/** What the PDF standard fonts (Helvetica, in the WinAnsi encoding) can print: Windows-1252's characters. */
const WIN_ANSI = new Set([
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => String.fromCharCode(0xa0 + i)),
  ...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ',
]);
/** Most texts: nothing to change. */
const LATIN_1 = /^[\x20-\x7e\xa0-\xff\n]*$/;
/** Letters that lose nothing but their accent and that Unicode does not decompose. */
const PLAIN_LETTERS: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };
/** Spaces that keep their neighbours together (a narrow one groups thousands: « 1 200 »). */
const NO_BREAK_SPACES = /[\u2007\u202f]/;
/** Emoji and what composes them (joiners, variation selectors, skin tones): no standard font draws them. */
const PICTURE = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3)$/u;

/**
 * A text as the standard fonts can print it. PDFKit writes any other character as bytes of
 * the font's own code, which shows as something else entirely (« 1 200 » came out as
 * « 1 /200 », « Ștefan » as « !‡FV`an »). Instead: the narrow no-break space becomes a
 * no-break space, other spaces a space, a letter outside the font loses its accent
 * (« Ștefan », « Łukasz » → « Stefan », « Lukasz »), emoji are left out, anything else is « ? ».
 */
export function winAnsi(text: string): string {
  if (LATIN_1.test(text)) return text;
  let out = '';
  let pictures = false;
  for (const c of text) {
    if (WIN_ANSI.has(c) || c === '\n') out += c;
    else if (NO_BREAK_SPACES.test(c)) out += '\u00a0';
    else if (/\s/.test(c)) out += ' ';
    else if (PICTURE.test(c)) pictures = true;
    else {
      const base = PLAIN_LETTERS[c] ?? c.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every((b) => WIN_ANSI.has(b)) ? base : '?';
    }
  }
  // « 🎨 Atelier » is « Atelier », not « ␣Atelier »; a picture between two words leaves one space.
  return pictures ? out.replace(/ {2,}/g, ' ').replace(/^ | $/gm, '') : out;
}

/** Every text the document prints goes through `winAnsi` first, wherever it is drawn. */
function printingWinAnsi(doc: Pdf): void {
  type Options = PDFKit.Mixins.TextOptions;
  // PDFKit's two forms: text(value, x, y, options) and text(value, options).
  const at: (value: string, x?: number, y?: number, options?: Options) => Pdf = doc.text;
  const flowing: (value: string, options?: Options) => Pdf = doc.text;
  doc.text = function (this: Pdf, value: string, x?: number | Options, y?: number, options?: Options): Pdf {
    return typeof x === 'number' ? at.call(this, winAnsi(value), x, y, options) : flowing.call(this, winAnsi(value), x);
  } as Pdf['text'];
}

/** The emblem drawn at (x, y), `width` wide. */
export function drawEmblem(doc: Pdf, x: number, y: number, width: number): void {
  const emblem = euEmblem(x, y, width);
  doc.save();
  doc.rect(emblem.flag.x, emblem.flag.y, emblem.flag.width, emblem.flag.height).fill(EMBLEM_BLUE);
  for (const star of emblem.stars) doc.polygon(...star.corners.map((p) => [p.x, p.y])).fill(EMBLEM_GOLD);
  doc.restore();
}

/** The top band of every page: the emblem and its caption on the left, the network on the right. Returns where content starts. */
export function topBand(doc: Pdf, frame: DocumentFrame): number {
  const top = PAGE.margin;
  const emblemWidth = 45;
  drawEmblem(doc, PAGE.margin, top, emblemWidth);
  const captionX = PAGE.margin + emblemWidth + 8;
  doc
    .font(BOLD)
    .fontSize(8)
    .fillColor(EMBLEM_BLUE)
    .text(frame.emblemCaption, captionX, top + 4, { width: 120, lineBreak: true });
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(frame.funding.networkName, PAGE.margin + 200, top + 2, { width: CONTENT_WIDTH - 200, align: 'right' });
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor(MUTED)
    .text(frame.funding.programmeName, { width: CONTENT_WIDTH - 200, align: 'right' });
  doc.fillColor(INK);
  return top + (emblemWidth * 2) / 3 + 14;
}

/** The funding mention and the page number, below the content of the current page. */
function footer(doc: Pdf, frame: DocumentFrame, page: number, pages: number): void {
  // Text written past the bottom margin would open a new page: the footer lives in the margin.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .moveTo(PAGE.margin, FOOTER_TOP)
    .lineTo(PAGE.width - PAGE.margin, FOOTER_TOP)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc
    .font(FONT)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(frame.funding.fundingMention, PAGE.margin, FOOTER_TOP + 6, { width: CONTENT_WIDTH - 80 });
  doc.text(frame.pageLabel(page, pages), PAGE.width - PAGE.margin - 75, FOOTER_TOP + 6, { width: 75, align: 'right' });
  doc.fillColor(INK);
  doc.page.margins.bottom = bottom;
}

/** A table's column: its header and width, in points. */
export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A header row of grey cells with bold, wrapped titles. Returns the y below it. */
export function tableHeader(doc: Pdf, columns: readonly Column[], y: number, height: number): number {
  let x = PAGE.margin;
  doc.font(BOLD).fontSize(7);
  for (const column of columns) {
    doc.rect(x, y, column.width, height).fillAndStroke('#e8ecf4', RULE);
    doc.fillColor(INK).text(column.header, x + 2, y + 5, { width: column.width - 4, align: column.align ?? 'left' });
    x += column.width;
  }
  return y + height;
}

/** One row of cells (texts, or a drawing for a cell). Returns the y below it. */
export function tableRow(
  doc: Pdf,
  columns: readonly Column[],
  cells: readonly (string | ((x: number, y: number, width: number, height: number) => void))[],
  y: number,
  height: number,
  options: { bold?: boolean; fill?: string } = {},
): number {
  let x = PAGE.margin;
  doc.font(options.bold ? BOLD : FONT).fontSize(9);
  columns.forEach((column, i) => {
    if (options.fill) doc.rect(x, y, column.width, height).fillAndStroke(options.fill, RULE);
    else doc.rect(x, y, column.width, height).lineWidth(0.5).strokeColor(RULE).stroke();
    const cell = cells[i];
    if (typeof cell === 'function') cell(x, y, column.width, height);
    else if (cell)
      doc.fillColor(INK).text(cell, x + 3, y + (height - 9) / 2, {
        width: column.width - 6,
        align: column.align ?? 'left',
        lineBreak: false,
        ellipsis: true,
      });
    x += column.width;
  });
  return y + height;
}

/** A line « Lieu : La Fabrique (Crest) »: the label in bold, its value after it. */
export function labelled(doc: Pdf, label: string, value: string): void {
  doc.font(BOLD).fontSize(9).text(label, { continued: true }).font(FONT).text(value, { width: CONTENT_WIDTH });
}
