// npm run export -- --from 2016-03-21 --to 2017-03-20 [--team <id>] [--out <dir>] [--lang fr|en] [--chart] [--pack]
// Writes evenements.csv, entraide.csv and synthese.csv for the network (and, with --chart, the
// chart of the events per month of the twelve months up to the end of the period); with
// --pack, the funders' pack instead: one ZIP (see BilanPackService).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRuntime, loadConfigOrExit, openMigratedDatabase, slackGatewayFor } from '../bootstrap.ts';
import { parsePeriod } from '../features/reports/period.ts';
import { formatCalendarDate } from '../i18n/format.ts';
import { translator } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { localDate } from '../time/zone.ts';
import { chooseWorkspace } from './workspace.ts';

const usage = 'Usage: npm run export -- --from YYYY-MM-DD --to YYYY-MM-DD [--team <id>] [--out <dir>] [--lang fr|en] [--chart] [--pack]';
let values: { from?: string; to?: string; out?: string; lang?: string; team?: string; chart?: boolean; pack?: boolean };
try {
  values = parseArgs({
    args: process.argv.slice(2),
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      team: { type: 'string' },
      chart: { type: 'boolean', default: false },
      pack: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const locale = values.lang === 'en' ? 'en' : values.lang === 'fr' || values.lang === undefined ? config.defaultLocale : undefined;
if (!locale) {
  console.error(`--lang must be fr or en.\n${usage}`);
  process.exit(2);
}
const t = translator(locale);
const parsed = parsePeriod(`${values.from ?? ''} ${values.to ?? ''}`.trim(), localDate(new Date(), config.timeZone));
if (!parsed.ok || !values.from) {
  console.error(
    `${t(parsed.ok ? 'export.badDates' : parsed.error === 'badDates' ? 'export.badDates' : `bilan.${parsed.error}`)}\n${usage}`,
  );
  process.exit(2);
}
const database = await openMigratedDatabase(config, logger);
const runtime = buildRuntime(config, database, slackGatewayFor(config), { logger });
const workspaces = await runtime.services.network.allWorkspaces();
const choice = chooseWorkspace(workspaces, values.team, t);
if (!choice.ok) {
  console.error(choice.message);
  await database.close();
  process.exit(values.team === undefined && workspaces.length > 1 ? 2 : 1);
}
console.log(choice.said);
const teamId = choice.workspace.teamId;
const out = resolve(values.out ?? 'export');
mkdirSync(out, { recursive: true });
if (values.pack) {
  // The bilan pack: one ZIP holding the CSV files, the hours, the participants, the time sheets' PDFs and what is missing.
  const file = join(out, runtime.services.pack.filename(parsed.period));
  const summary = await runtime.services.pack.write(teamId, parsed.period, file, locale);
  console.log(t('pack.written', { file, files: summary.files, missing: summary.missing }));
  await database.close();
  process.exit(0);
}
// Read a page at a time and written as read: a year of a national network fits in little memory.
const written = await runtime.services.reports.writeCsvFiles(teamId, parsed.period, out, locale);
console.log(
  t('export.written', {
    files: written.map((f) => basename(f)).join(', '),
    dir: out,
    from: formatCalendarDate(parsed.period.from, locale),
    to: formatCalendarDate(parsed.period.to, locale),
  }),
);
if (values.chart) {
  const month = parsed.period.to.slice(0, 7);
  const file = join(out, `evenements-${month}.png`);
  writeFileSync(file, await runtime.services.reports.monthlyChart(teamId, month, locale));
  console.log(t('export.chartWritten', { file }));
}
await database.close();
