import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { calendarNotes } from '../../src/features/digest/calendar.ts';
import { type DigestData, digestMessage } from '../../src/features/digest/views.ts';
import type { EventDetails } from '../../src/features/events/repo.ts';
import { noAttendance } from '../../src/features/events/vocabulary.ts';
import type { HelpDetails } from '../../src/features/help/repo.ts';
import { CHART_WIDTH, monthlyChartPng, pngSize } from '../../src/features/reports/chart.ts';
import { progressBar, spaceFiguresOf } from '../../src/features/reports/compute.ts';
import {
  type CsvRow,
  CsvWriter,
  eventRow,
  eventsHeader,
  helpHeader,
  helpRow,
  summaryTable,
  writeCsv,
} from '../../src/features/reports/csv.ts';
import { parsePeriod } from '../../src/features/reports/period.ts';
import { translator } from '../../src/i18n/index.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { aHelpRequest, anAttendance, anEvent, someFigures } from '../support/builders.ts';

const tz = 'Europe/Paris';
const crest = { id: 1, name: 'La Fabrique de Crest', slug: 'crest', town: 'Crest', channelId: undefined };
const die = { id: 2, name: 'Le Lieu-Dit', slug: 'die', town: 'Die', channelId: undefined };
function event(start: string, end: string, over: Partial<EventDetails> = {}): EventDetails {
  return anEvent({
    themes: ['culture'],
    audiences: ['grand_public'],
    startAt: new Date(start),
    endAt: new Date(end),
    spaces: [crest],
    ...over,
  });
}
const report = anAttendance;
function help(created: string, over: Partial<HelpDetails> = {}): HelpDetails {
  return aHelpRequest({ id: 1, question: 'q', channelId: 'C', createdAt: new Date(created), ...over });
}

describe('progress', () => {
  it('draws a progress bar', () => {
    expect(progressBar(85, 170)).toBe('🟩🟩🟩🟩🟩⬜⬜⬜⬜⬜');
    expect(progressBar(200, 170, 4)).toBe('🟩🟩🟩🟩');
    expect(progressBar(0, 0, 4)).toBe('⬜⬜⬜⬜');
  });
});

describe('calendar notes', () => {
  it('finds holidays, bridge days and clock changes', () => {
    const notes = calendarNotes(isoDay('2026-05-01'), isoDay('2026-05-15'), tz).map((x) => `${x.date} ${x.kind}`);
    expect(notes).toEqual(['2026-05-01 holiday', '2026-05-08 holiday', '2026-05-14 holiday', '2026-05-15 bridge']);
    expect(calendarNotes(isoDay('2026-10-20'), isoDay('2026-11-02'), tz)).toEqual([
      { kind: 'clock', date: '2026-10-25', forward: false },
      { kind: 'holiday', date: '2026-11-01', key: 'allSaints' },
    ]);
    expect(calendarNotes(isoDay('2026-03-25'), isoDay('2026-03-31'), tz)).toEqual([
      { kind: 'clock', date: isoDay('2026-03-29'), forward: true },
    ]);
  });
});

describe('periods of /bilan', () => {
  it.each([
    ['', { from: '2026-11-01', to: '2026-11-30' }],
    ['21/03/2016 20/03/2017', { from: '2016-03-21', to: '2017-03-20' }],
    ['2016-03-21 2017-03-20', { from: '2016-03-21', to: '2017-03-20' }],
    ['du 1/2/2026 au 28/2/2026', { from: '2026-02-01', to: '2026-02-28' }],
    ['2026-11-01', { from: '2026-11-01', to: '2026-11-28' }],
  ])('“%s”', (text, period) => {
    expect(parsePeriod(text, isoDay('2026-11-28'))).toEqual({ ok: true, period });
  });

  it.each([
    ['31/02/2026', 'badDates'],
    ['hier', 'badDates'],
    ['2026-11-01 2026-10-01', 'inverted'],
    ['2016-01-01 2020-01-01', 'tooLong'],
  ])('refuses “%s”', (text, error) => {
    expect(parsePeriod(text, isoDay('2026-11-28'))).toEqual({ ok: false, error });
  });
});

describe('CSV files', () => {
  const t = translator('fr');
  const context = {
    t,
    locale: 'fr' as const,
    timeZone: tz,
    names: new Map([
      ['U1', 'Camille Roux'],
      ['U2', 'Julien Faure'],
    ]),
    now: new Date('2026-04-01T08:00:00Z'),
  };
  const shared = event('2026-03-24T13:00:00Z', '2026-03-24T15:30:00Z', {
    title: 'Atelier; "soudure"',
    spaces: [crest, die],
    organizers: ['U1', 'U2'],
    seriesName: 'Café outils',
    seriesNumber: 13,
    attendance: report(20, { women: 12, men: 8, genderUnknown: 0 }),
  });
  const rows = (content: string) => parse(content, { delimiter: ';', bom: true }) as string[][];
  /** A file as the export writes it, read back as text. */
  async function written(header: string[], lines: CsvRow[]): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'tl-csv-'));
    try {
      const path = join(dir, 'file.csv');
      await writeCsv(
        path,
        header,
        (async function* () {
          yield* lines;
        })(),
      );
      return readFileSync(path, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('writes UTF-8 with BOM, “;” separators, CRLF, dd/MM/yyyy dates and decimal commas, parsed back', async () => {
    const content = await written(eventsHeader(context.t), [eventRow(shared, context)]);
    expect(content.startsWith('\ufeff')).toBe(true);
    expect(content.endsWith('\r\n')).toBe(true);
    const [header, row] = rows(content);
    expect(header?.slice(0, 4)).toEqual(['Date', 'Début', 'Fin', 'Durée (h)']);
    const get = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(get('Date')).toBe('24/03/2026');
    expect(get('Début')).toBe('14:00');
    expect(get('Durée (h)')).toBe('2,5');
    expect(get('Titre')).toBe('Atelier; "soudure"');
    expect(get('Espaces')).toBe('La Fabrique de Crest, Le Lieu-Dit');
    expect(get('Communes')).toBe('Crest, Die');
    expect(get('Organisateur·rices')).toBe('Camille Roux, Julien Faure');
    expect(get('Série')).toBe('Café outils');
    expect(get('Numéro')).toBe('13');
    expect(get('Femmes')).toBe('12');
    expect(get('Feuille d’émargement')).toBe('oui');
    expect(get('Statut')).toBe('Prévu / réalisé');
  });

  it('writes a file row by row as rows are found, however long: every row, in order, the same bytes as the export writes', async () => {
    // Far more than a stream buffers: the writer waits for the file to catch up.
    const lines: CsvRow[] = Array.from({ length: 20_000 }, (_, i) => [`Atelier ${i}; « n°${i} »`, i, '=1+1']);
    const dir = mkdtempSync(join(tmpdir(), 'tl-csv-'));
    try {
      const path = join(dir, 'rows.csv');
      const file = new CsvWriter(path, ['Titre', 'Numéro', 'Formule']);
      for (const line of lines) await file.add(line);
      await file.close();
      const content = readFileSync(path, 'utf8');
      expect(content).toBe(await written(['Titre', 'Numéro', 'Formule'], lines));
      const [header, ...read] = rows(content);
      expect(header).toEqual(['Titre', 'Numéro', 'Formule']);
      expect(read).toHaveLength(20_000);
      expect(read[19_999]).toEqual(['Atelier 19999; « n°19999 »', '19999', "'=1+1"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which past events lack an attendance sheet: not kept, or attendance not reported yet', async () => {
    const unreported = event('2026-03-24T13:00:00Z', '2026-03-24T15:30:00Z', { attendance: undefined });
    const ahead = event('2026-04-24T13:00:00Z', '2026-04-24T15:30:00Z', { attendance: undefined });
    const notKept = { ...shared, attendance: shared.attendance ? { ...shared.attendance, sheetKept: false } : undefined };
    const content = await written(
      eventsHeader(context.t),
      [unreported, ahead, notKept].map((e) => eventRow(e, context)),
    );
    const [header, ...lines] = rows(content);
    const column = header?.indexOf('Feuille d’émargement') ?? -1;
    expect(lines.map((l) => l[column])).toEqual(['non (fréquentation à saisir)', '', 'non']);
  });

  it.each([
    ['=HYPERLINK("http://x";"y")', '\'=HYPERLINK("http://x";"y")'],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-rm', "'-rm"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    // Full-width signs, which some spreadsheets read as their ASCII forms.
    ['\uff1dHYPERLINK("http://x")', '\'\uff1dHYPERLINK("http://x")'],
    ['Atelier = fête', 'Atelier = fête'],
  ])('neutralises a cell a spreadsheet would run as a formula: %j', async (title, cell) => {
    const organiser = event('2026-03-24T13:00:00Z', '2026-03-24T15:30:00Z', { title, organizers: ['U9'] });
    const names = new Map([['U9', '=cmd|calc']]);
    const [header, row] = rows(await written(eventsHeader(context.t), [eventRow(organiser, { ...context, names })]));
    const get = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(get('Titre')).toBe(cell);
    expect(get('Organisateur·rices')).toBe("'=cmd|calc");
    // Numbers stay numbers.
    expect(get('Durée (h)')).toBe('2,5');
    expect(get('Participant·es')).not.toMatch(/^'/);
  });

  it('writes the help requests and a summary where a shared event counts once for the network and once per space', async () => {
    const request = {
      ...help('2026-03-23T08:00:00Z', {
        firstAnswerAt: new Date('2026-03-23T09:30:00Z'),
        status: 'resolved',
        resolvedAt: new Date('2026-03-24T08:00:00Z'),
      }),
      helperCount: 1,
    };
    const [hHeader, hRow] = rows(await written(helpHeader(context.t), [helpRow(request, context)]));
    expect(hHeader?.[0]).toBe('Date de la demande');
    expect(hRow?.slice(0, 6)).toEqual(['23/03/2026', '24/03/2026', 'Technique / informatique', 'Cette semaine', 'Résolue', '1,5']);
    const figures = { network: someFigures({ events: 1, hours: 2.5 }), medianFirstAnswerHours: undefined };
    const perSpace = spaceFiguresOf(
      [crest, die].map((space) => ({
        ...noAttendance(),
        spaceId: space.id,
        byFormat: { atelier: 1 },
        events: 1,
        seconds: 9000,
        reported: 0,
        missing: 0,
      })),
      [crest, die],
    );
    const summary = summaryTable(figures, perSpace, context);
    const s = rows(await written(summary.header, summary.rows));
    expect(s.map((r) => [r[0], r[2]])).toEqual([
      ['Périmètre', 'Évènements'],
      ['Réseau (évènements partagés comptés une fois)', '1'],
      ['La Fabrique de Crest', '1'],
      ['Le Lieu-Dit', '1'],
    ]);
  });
});

describe('the digest message', () => {
  const quietWeek = (weekFrom: string, weekTo: string): DigestData => ({
    weekFrom: isoDay(weekFrom),
    weekTo: isoDay(weekTo),
    lastWeek: someFigures({ events: 2, hours: 4 }),
    spaces: { items: [], total: 0 },
    next: { items: [], total: 0 },
    missing: { items: [], total: 0 },
    help: { opened: 0, resolved: 0, stale: 0, medianHours: undefined },
    contracts: undefined,
    calendar: [],
    ytd: { year: 2026, done: 85, target: 170 },
  });

  it.each([
    ['fr', '2026-11-23', '2026-11-29', 'Semaine du 23 au 29\u00a0nov.'],
    ['fr', '2026-11-30', '2026-12-06', 'Semaine du 30\u00a0nov. au 6\u00a0déc.'],
    ['fr', '2026-12-28', '2027-01-03', 'Semaine du 28\u00a0déc. 2026 au 3\u00a0janv. 2027'],
    ['en', '2026-11-23', '2026-11-29', 'Week of 23 to 29\u00a0Nov'],
  ] as const)('has a one-line title (%s, %s)', (locale, from, to, title) => {
    const message = digestMessage(quietWeek(from, to), translator(locale), locale, tz);
    const first = message.blocks?.[0] as { text?: { text: string } } | undefined;
    expect(first?.text?.text).toBe(title);
  });

  it('leaves out the lines with nothing to say: no report, no answer, no holiday, no headline repeated', () => {
    for (const locale of ['fr', 'en'] as const) {
      const text = JSON.stringify(digestMessage(quietWeek('2026-11-23', '2026-11-29'), translator(locale), locale, tz).blocks);
      expect(text).not.toMatch(/participant|compte rendu|report/);
      expect(text).not.toMatch(/médian|Median/);
      expect(text).not.toMatch(/férié|Ni jour|holiday/);
      expect(text).not.toContain(translator(locale)('digest.fallback', { events: 2, attendance: 0 }));
    }
  });

  it('stays within Slack’s limits at a large scale', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      event('2026-03-24T13:00:00Z', '2026-03-24T15:00:00Z', {
        title: `Atelier ${i} ${'x'.repeat(100)}`,
        spaces: [{ ...crest, id: i, name: `Espace ${i} ${'y'.repeat(60)}` }],
      }),
    );
    const data: DigestData = {
      weekFrom: isoDay('2026-03-23'),
      weekTo: isoDay('2026-03-29'),
      lastWeek: someFigures({ events: many.length, hours: 800, byFormat: { atelier: many.length } }),
      spaces: { items: many.slice(0, 6).map((e) => ({ spaceId: e.id, name: e.spaces[0]?.name ?? '', events: 1 })), total: many.length },
      next: { items: many.slice(0, 10), total: many.length },
      missing: { items: many.slice(0, 8), total: many.length },
      help: { opened: 3, resolved: 2, stale: 40, medianHours: 5.5 },
      contracts: { items: [], total: 0 },
      calendar: calendarNotes(isoDay('2026-03-30'), isoDay('2026-04-13'), tz),
      ytd: { year: 2026, done: 85, target: 170 },
    };
    const message = digestMessage(data, translator('fr'), 'fr', tz);
    expect(message.blocks?.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks ?? []) {
      const b = block as { text?: { text: string }; fields?: { text: string }[] };
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    const text = JSON.stringify(message);
    // Lists cut for a phone: six events ahead, five of the others.
    expect(text).toContain('… et 394 de plus');
    expect(text).toContain('… et 395 de plus');
    expect(text).toContain('Lundi de Pâques');
    expect(text).toContain('85 / 170 évènements (50\u00a0%)');
    expect(text).toContain('Relancer les organisateur·rices');
    // The same in English: the bar in emoji squares (no code span), the button to chase.
    const english = JSON.stringify(digestMessage(data, translator('en'), 'en', tz));
    expect(english).toContain('*2026 target*: 85 / 170 events (50%)\\n🟩🟩🟩🟩🟩⬜⬜⬜⬜⬜');
    expect(english).toContain('Remind the organisers');
    expect(english).toContain('… and 394 more');
  });
});

describe('the monthly chart', () => {
  it('renders a PNG that decodes, at the expected width', async () => {
    const months = ['2025-12', '2026-01', '2026-02'];
    const png = await monthlyChartPng(
      [
        { month: '2026-01', format: 'Atelier', count: 5 },
        { month: '2026-01', format: 'Café outils', count: 2 },
        { month: '2026-02', format: 'Atelier', count: 3 },
      ],
      months,
      translator('fr'),
    );
    const size = pngSize(png);
    expect(size?.width).toBe(CHART_WIDTH);
    // Decode it: inflate the image data and check it holds every row of pixels.
    const chunks: Buffer[] = [];
    let colorType = -1;
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString('ascii');
      const data = png.subarray(at + 8, at + 8 + length);
      if (type === 'IHDR') colorType = data.readUInt8(9);
      if (type === 'IDAT') chunks.push(data);
      at += 12 + length;
    }
    const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
    const raw = inflateSync(Buffer.concat(chunks));
    expect(raw.length).toBe((size?.height ?? 0) * (1 + (size?.width ?? 0) * channels));
    expect(size?.height).toBeGreaterThan(300);
    expect(pngSize(Buffer.from('not a png'))).toBeUndefined();
  }, 30_000);
});
