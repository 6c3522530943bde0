// The attendance sheet (feuille d'émargement) of an event, ready to print: what funders ask to
// prove a collective action — the event, its date and place, who ran it, the EU emblem and the
// funding mention, and numbered rows for each attendee's name, organisation or town, whether
// they are a job seeker, and their signature — on as many numbered pages as needed.
import type { Translate } from '../../i18n/index.ts';
import {
  BOLD,
  CONTENT_WIDTH,
  type Column,
  type DocumentFrame,
  FONT,
  FOOTER_TOP,
  INK,
  labelled,
  MUTED,
  PAGE,
  type Pdf,
  renderPdf,
  tableHeader,
  tableRow,
  topBand,
} from './pdf.ts';

export interface AttendanceSheetData {
  title: string;
  /** The date and times in words: « samedi 5 décembre 2026, 14 h 00 – 17 h 00 ». */
  when: string;
  place: string;
  organisers: readonly string[];
  expected: number | undefined;
}

/** Rows when nobody said how many are expected. */
export const DEFAULT_SHEET_ROWS = 20;
/** A sheet never runs longer than this (about forty pages). */
export const MAX_SHEET_ROWS = 1_000;

/** As many rows as expected plus a margin (a fifth, at least five) for those who come unannounced. */
export function sheetRows(expected: number | undefined): number {
  if (expected === undefined || expected <= 0) return DEFAULT_SHEET_ROWS;
  return Math.min(MAX_SHEET_ROWS, expected + Math.max(5, Math.ceil(expected / 5)));
}

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;

export async function attendanceSheetPdf(
  data: AttendanceSheetData,
  frame: DocumentFrame,
  t: Translate,
  created: Date,
): Promise<{ bytes: Buffer; pages: number; rows: number }> {
  const rows = sheetRows(data.expected);
  const columns: Column[] = [
    { header: t('sheet.col.number'), width: 26, align: 'right' },
    { header: t('sheet.col.lastName'), width: 105 },
    { header: t('sheet.col.firstName'), width: 90 },
    { header: t('sheet.col.organisation'), width: 110 },
    { header: t('sheet.col.jobSeeker'), width: 72, align: 'center' },
    { header: t('sheet.col.signature'), width: CONTENT_WIDTH - 26 - 105 - 90 - 110 - 72 },
  ];
  const yesNo = (doc: Pdf) => (x: number, y: number, width: number, height: number) => {
    const box = 7;
    const middle = y + height / 2;
    const half = width / 2;
    doc.font(FONT).fontSize(7.5).fillColor(INK);
    for (const [i, label] of [t('sheet.yes'), t('sheet.no')].entries()) {
      const left = x + 6 + i * half;
      doc
        .rect(left, middle - box / 2, box, box)
        .lineWidth(0.6)
        .strokeColor(INK)
        .stroke();
      doc.text(label, left + box + 3, middle - 3.5, { width: half - box - 8, lineBreak: false });
    }
  };

  /** The title on every page; the event's details under it on the first. Returns where the table starts. */
  const heading = (doc: Pdf, first: boolean): number => {
    let y = topBand(doc, frame) + 6;
    doc
      .font(BOLD)
      .fontSize(first ? 18 : 12)
      .fillColor(INK)
      .text(t('sheet.title'), PAGE.margin, y, { width: CONTENT_WIDTH });
    doc
      .font(BOLD)
      .fontSize(first ? 13 : 10)
      .text(data.title, { width: CONTENT_WIDTH });
    doc
      .font(FONT)
      .fontSize(first ? 10 : 9)
      .text(data.when, { width: CONTENT_WIDTH });
    if (first) {
      doc.moveDown(0.4);
      const detail = (label: string, value: string) => labelled(doc, t('sheet.labelled', { label }), value);
      detail(t('sheet.label.place'), data.place);
      if (data.organisers.length > 0) detail(t('sheet.label.organisers'), data.organisers.join(', '));
      doc.moveDown(0.3);
      doc.font(FONT).fontSize(7.5).fillColor(MUTED).text(t('sheet.privacy'), { width: CONTENT_WIDTH }).fillColor(INK);
    }
    y = doc.y + 8;
    return tableHeader(doc, columns, y, HEADER_HEIGHT);
  };

  const result = await renderPdf(
    { title: `${t('sheet.title')} — ${data.title}`, author: frame.funding.networkName, created },
    frame,
    (doc) => {
      let y = heading(doc, true);
      for (let row = 1; row <= rows; row++) {
        if (y + ROW_HEIGHT > FOOTER_TOP - 6) {
          doc.addPage();
          y = heading(doc, false);
        }
        y = tableRow(doc, columns, [String(row), '', '', '', yesNo(doc), ''], y, ROW_HEIGHT);
      }
    },
  );
  return { ...result, rows };
}
