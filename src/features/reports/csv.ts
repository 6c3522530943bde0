// The export files, made to open cleanly in French Excel and LibreOffice: UTF-8 with BOM,
// ";" separator, dates dd/MM/yyyy, decimal comma.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { stringify as stringifyStream } from 'csv-stringify';
import type { Locale } from '../../config.ts';
import { formatShortDate, formatTime } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { EVENT_FORMATS } from '../events/vocabulary.ts';
import { durationHours, type Figures, type PeriodFigures, type SpaceFigures } from './compute.ts';
import type { ExportedEvent, ExportedRequest } from './repo.ts';

export interface CsvContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** Slack user id → display name. */
  names: ReadonlyMap<string, string>;
  /** Now: an event over by then with no attendance report is said to lack its sheet. */
  now: Date;
}

export interface CsvFile {
  filename: string;
  content: Buffer;
}

const BOM = '\ufeff';
const BUFFER_BYTES = 1 << 20;

const OPTIONS = {
  delimiter: ';',
  record_delimiter: '\r\n',
  // A text cell a spreadsheet would read as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, their
  // full-width forms, or a tab or carriage return first) is written with a leading apostrophe,
  // as OWASP recommends: it shows as text and never runs. Numbers are written as numbers. Cells
  // holding ";", '"' or a line break are quoted.
  escape_formulas: true,
} as const;

export type CsvRow = (string | number)[];

/** The export's file names. */
export const CSV_FILES = { events: 'evenements.csv', help: 'entraide.csv', summary: 'synthese.csv' } as const;

/** 2.5 → "2,5" in French (the separator is ";", so commas are safe). */
export function decimal(value: number, locale: Locale): string {
  const rounded = Math.round(value * 100) / 100;
  return locale === 'fr' ? String(rounded).replace('.', ',') : String(rounded);
}

/**
 * Writes a CSV file row by row as the rows come (a page of the database at a time): the file
 * is never held whole in memory. Same bytes as the in-memory files.
 */
export async function writeCsv(path: string, header: string[], rows: AsyncIterable<CsvRow>): Promise<void> {
  const file = new CsvWriter(path, header);
  try {
    for await (const row of rows) await file.add(row);
  } finally {
    await file.close();
  }
}

/**
 * A CSV file written a row at a time as rows are found (e.g. the funders' pack's list of what is
 * missing, fed by several passes over the data): never held whole in memory.
 */
export class CsvWriter {
  // Buffers of a page of rows and of 1 MB, not Node's 16 rows and 16 kB: a national year's
  // 50,000 rows would otherwise wait for the disk every 16 rows.
  readonly #csv = stringifyStream({ ...OPTIONS, writableHighWaterMark: 2000, readableHighWaterMark: BUFFER_BYTES });
  readonly #done: Promise<void>;

  constructor(path: string, header: string[]) {
    const file = createWriteStream(path, { highWaterMark: BUFFER_BYTES });
    file.write(BOM);
    this.#done = pipeline(this.#csv, file);
    this.#csv.write(header);
  }

  /** Adds a row; waits while the file catches up. */
  async add(row: CsvRow): Promise<void> {
    if (!this.#csv.write(row)) await once(this.#csv, 'drain');
  }

  /** Ends the file once every row is written. */
  async close(): Promise<void> {
    this.#csv.end();
    await this.#done;
  }
}

const EVENT_COLUMNS = [
  'csv.date',
  'csv.start',
  'csv.end',
  'csv.duration',
  'csv.spaces',
  'csv.towns',
  'csv.format',
  'csv.themes',
  'csv.title',
  'csv.series',
  'csv.number',
  'csv.organisers',
  'csv.audiences',
  'csv.attendance',
  'csv.women',
  'csv.men',
  'csv.genderUnknown',
  'csv.jobSeekers',
  'csv.under25',
  'csv.over54',
  'csv.firstTime',
  'csv.sheetKept',
  'csv.status',
] as const;

export function eventsHeader(t: Translate): string[] {
  return EVENT_COLUMNS.map((k) => t(k));
}

/** Whether the attendance sheet was kept: also said of a past event whose report is still missing. */
function sheetCell(e: ExportedEvent, c: CsvContext): string {
  if (e.attendance) return c.t(e.attendance.sheetKept ? 'common.yes' : 'common.no');
  return e.status !== 'cancelled' && e.endAt.getTime() <= c.now.getTime() ? c.t('csv.sheetNotReported') : '';
}

/** The towns of an event's spaces, each once. */
function towns(spaces: ExportedEvent['spaces']): string {
  if (spaces.length === 1) return spaces[0]?.town ?? '';
  return [...new Set(spaces.map((s) => s.town).filter(Boolean))].join(', ');
}

export function eventRow(e: ExportedEvent, c: CsvContext): CsvRow {
  const { t } = c;
  return [
    formatShortDate(e.startAt, c.timeZone),
    formatTime(e.startAt, 'en', c.timeZone),
    formatTime(e.endAt, 'en', c.timeZone),
    decimal(durationHours(e), c.locale),
    e.spaces.map((s) => s.name).join(', '),
    towns(e.spaces),
    t(`event.format.${e.format}`),
    e.themes.map((v) => t(`event.theme.${v}`)).join(', '),
    e.title,
    e.seriesName ?? '',
    e.seriesNumber ?? '',
    e.organizers.map((u) => c.names.get(u) ?? u).join(', '),
    e.audiences.map((v) => t(`event.audience.${v}`)).join(', '),
    e.attendance?.total ?? '',
    e.attendance?.women ?? '',
    e.attendance?.men ?? '',
    e.attendance?.genderUnknown ?? '',
    e.attendance?.jobSeekers ?? '',
    e.attendance?.under25 ?? '',
    e.attendance?.over54 ?? '',
    e.attendance?.firstTime ?? '',
    sheetCell(e, c),
    t(e.status === 'cancelled' ? 'csv.statusCancelled' : 'csv.statusScheduled'),
  ];
}

const HELP_COLUMNS = [
  'csv.requestDate',
  'csv.resolvedDate',
  'csv.category',
  'csv.urgency',
  'csv.status',
  'csv.firstAnswer',
  'csv.helpers',
  'csv.answers',
] as const;

export function helpHeader(t: Translate): string[] {
  return HELP_COLUMNS.map((k) => t(k));
}

export function helpRow(r: ExportedRequest, c: CsvContext): CsvRow {
  const { t } = c;
  return [
    formatShortDate(r.createdAt, c.timeZone),
    r.resolvedAt ? formatShortDate(r.resolvedAt, c.timeZone) : '',
    t(`help.category.${r.category}`),
    t(`help.urgency.${r.urgency}`),
    t(`help.status.${r.status}`),
    r.firstAnswerAt ? decimal((r.firstAnswerAt.getTime() - r.createdAt.getTime()) / 3600_000, c.locale) : '',
    r.helperCount,
    r.answersCount,
  ];
}

/** The summary's header and rows: the network, then each space. */
export function summaryTable(figures: PeriodFigures, spaces: SpaceFigures[], c: CsvContext): { header: string[]; rows: CsvRow[] } {
  const { t } = c;
  const header = [
    t('csv.scope'),
    t('csv.town'),
    t('csv.events'),
    ...EVENT_FORMATS.map((f) => t(`event.format.${f}`)),
    t('csv.hours'),
    t('csv.reported'),
    t('csv.attendance'),
    t('csv.women'),
    t('csv.men'),
    t('csv.genderUnknown'),
    t('csv.jobSeekers'),
    t('csv.under25'),
    t('csv.over54'),
    t('csv.firstTime'),
    t('csv.helpOpened'),
    t('csv.helpResolved'),
  ];
  const row = (scope: string, town: string, f: Figures, help: boolean): CsvRow => [
    scope,
    town,
    f.events,
    ...EVENT_FORMATS.map((fmt) => f.byFormat[fmt] ?? 0),
    decimal(f.hours, c.locale),
    f.reported,
    f.attendance.total,
    f.attendance.women,
    f.attendance.men,
    f.attendance.genderUnknown,
    f.attendance.jobSeekers,
    f.attendance.under25,
    f.attendance.over54,
    f.attendance.firstTime,
    help ? f.helpOpened : '',
    help ? f.helpResolved : '',
  ];
  const rows = [row(t('csv.network'), '', figures.network, true), ...spaces.map((s) => row(s.name, s.town, s, false))];
  return { header, rows };
}
