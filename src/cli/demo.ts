// npm run demo: fills the database with a realistic network, in a workspace of its own (never
// the one the app is installed in, and the app sends nothing for it), so that a newcomer can
// try /bilan's figures and the exports at once. Safe to run twice (nothing is duplicated).
import { buildRuntime, loadConfigOrExit, openMigratedDatabase, slackGatewayFor } from '../bootstrap.ts';
import { seedDemoContracts } from '../db/demo/contracts.ts';
import { seedDemoEvents } from '../db/demo/events.ts';
import { seedDemoEvidence } from '../db/demo/evidence.ts';
import { seedDemoHelp } from '../db/demo/help.ts';
import { DEMO_TEAM_ID, seedDemo } from '../db/demo/network.ts';
import { createLogger } from '../logger.ts';
import { localDate } from '../time/zone.ts';

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const database = await openMigratedDatabase(config, logger);
const services = buildRuntime(config, database, slackGatewayFor(config), { logger }).services;
const teamId = DEMO_TEAM_ID;
const result = await seedDemo(database.prisma);
const events = await seedDemoEvents(database.prisma, teamId, new Date(), config.timeZone);
const helpChannel = (await services.network.settings(teamId)).helpChannelId ?? 'C0DEMOHELP';
const requests = await seedDemoHelp(database.prisma, services.skills, teamId, new Date(), helpChannel);
const today = localDate(new Date(), config.timeZone);
const contracts = await seedDemoContracts(database.prisma, teamId, today);
const evidence = await seedDemoEvidence(database.prisma, teamId, today, config.timeZone);
console.log(
  `Demo network ready in its own workspace ${teamId} (« Réseau démo »): ${result.spaces} spaces, ${result.members} members with their skills, ${events} new events, ${requests} new help requests, ${contracts} new contracts, ${evidence.sheets} new time sheets, ${evidence.participants} new participant records.\n` +
    `It never mixes with the workspace the app is installed in, and the app posts nothing for it. Try: npm run export -- --team ${teamId} --from 2026-01-01 (add --pack for the funders' pack)`,
);
await database.close();
