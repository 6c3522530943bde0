// A monthly time sheet as funders file it: who, where, which contract and month, the hours by
// week and task kind with their totals, both signatures with names, dates and the sheet's
// fingerprint, under the EU emblem and above the funding mention.
import type { Translate } from '../../i18n/index.ts';
import { type Hours, TASK_KINDS, totalOf } from '../timesheets/sheet.ts';
import {
  BOLD,
  CONTENT_WIDTH,
  type Column,
  type DocumentFrame,
  FONT,
  INK,
  labelled,
  MUTED,
  PAGE,
  renderPdf,
  tableHeader,
  tableRow,
  topBand,
} from './pdf.ts';

export interface SignatureText {
  name: string;
  date: string;
  fingerprint: string;
}

export interface TimeSheetPdfData {
  animator: string;
  space: string;
  /** « PEC du 1er janvier 2026 au 31 décembre 2026, 20 h par semaine ». */
  contract: string;
  /** « novembre 2026 ». */
  month: string;
  weeks: readonly { label: string; hours: Hours }[];
  employee: SignatureText | undefined;
  manager: SignatureText | undefined;
  /** The fingerprint of the content as printed. */
  fingerprint: string;
  /** Formats hours: « 4,25 ». */
  hours: (n: number) => string;
}

export async function timeSheetPdf(
  data: TimeSheetPdfData,
  frame: DocumentFrame,
  t: Translate,
  created: Date,
): Promise<{ bytes: Buffer; pages: number }> {
  const kindWidth = 58;
  const columns: Column[] = [
    { header: t('timesheet.pdf.week'), width: CONTENT_WIDTH - TASK_KINDS.length * kindWidth - 46 },
    ...TASK_KINDS.map((k) => ({ header: t(`task.${k}`), width: kindWidth, align: 'right' as const })),
    { header: t('timesheet.pdf.total'), width: 46, align: 'right' },
  ];
  const cells = (label: string, h: Hours) => [label, ...TASK_KINDS.map((k) => (h[k] > 0 ? data.hours(h[k]) : '')), data.hours(totalOf(h))];
  const totals = Object.fromEntries(TASK_KINDS.map((k) => [k, data.weeks.reduce((s, w) => s + w.hours[k], 0)])) as Hours;

  return renderPdf(
    { title: `${t('timesheet.pdf.title')} — ${data.animator} — ${data.month}`, author: frame.funding.networkName, created },
    frame,
    (doc) => {
      let y = topBand(doc, frame) + 6;
      doc.font(BOLD).fontSize(18).fillColor(INK).text(t('timesheet.pdf.title'), PAGE.margin, y, { width: CONTENT_WIDTH });
      doc.font(BOLD).fontSize(12).text(data.month, { width: CONTENT_WIDTH });
      doc.moveDown(0.4);
      const detail = (label: string, value: string) => labelled(doc, t('sheet.labelled', { label }), value);
      detail(t('timesheet.pdf.animator'), data.animator);
      detail(t('timesheet.pdf.space'), data.space);
      detail(t('timesheet.pdf.contract'), data.contract);
      y = doc.y + 10;
      y = tableHeader(doc, columns, y, 36);
      for (const week of data.weeks) y = tableRow(doc, columns, cells(week.label, week.hours), y, 20);
      y = tableRow(doc, columns, cells(t('timesheet.pdf.total'), totals), y, 22, { bold: true, fill: '#f2f2f2' });

      // The two signatures side by side.
      y += 18;
      const half = (CONTENT_WIDTH - 20) / 2;
      const box = (x: number, title: string, signature: SignatureText | undefined) => {
        doc.rect(x, y, half, 92).lineWidth(0.6).strokeColor(MUTED).stroke();
        doc
          .font(BOLD)
          .fontSize(9)
          .fillColor(INK)
          .text(title, x + 8, y + 8, { width: half - 16 });
        if (signature) {
          doc
            .font(FONT)
            .fontSize(9)
            .text(t('timesheet.pdf.signed', { name: signature.name, date: signature.date }), { width: half - 16 });
          doc
            .fontSize(7.5)
            .fillColor(MUTED)
            .text(t('timesheet.pdf.fingerprint', { value: signature.fingerprint }), { width: half - 16 });
        } else
          doc
            .font(FONT)
            .fontSize(9)
            .fillColor(MUTED)
            .text(t('timesheet.pdf.notSigned'), { width: half - 16 });
        doc.fillColor(INK);
      };
      box(PAGE.margin, t('timesheet.pdf.employeeSignature'), data.employee);
      box(PAGE.margin + half + 20, t('timesheet.pdf.managerSignature'), data.manager);
      doc
        .font(FONT)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(t('timesheet.pdf.contentFingerprint', { value: data.fingerprint }), PAGE.margin, y + 102, { width: CONTENT_WIDTH });
      doc.fillColor(INK);
    },
  );
}
