// npm run demo: fills the database with a realistic network so that a newcomer sees
// something at once. Safe to run twice (nothing is duplicated).
import { buildRuntime, loadConfigOrExit, openMigratedDatabase, slackGatewayFor } from '../bootstrap.ts';
import { seedDemoContracts } from '../db/demo/contracts.ts';
import { seedDemoEvents } from '../db/demo/events.ts';
import { seedDemoHelp } from '../db/demo/help.ts';
import { DEMO_TEAM_ID, seedDemo } from '../db/demo/network.ts';
import { createLogger } from '../logger.ts';
import { localDate } from '../time/zone.ts';

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const database = await openMigratedDatabase(config, logger);
const services = buildRuntime(config, database, slackGatewayFor(config), { logger }).services;
// Into the workspace the app is installed in, or a demo one before the first start.
const [installed] = await services.network.workspaces();
const teamId = installed ?? DEMO_TEAM_ID;
const result = await seedDemo(database.prisma, teamId);
const events = await seedDemoEvents(database.prisma, teamId, new Date(), config.timeZone);
const helpChannel = (await services.network.settings(teamId)).helpChannelId ?? 'C0DEMOHELP';
const requests = await seedDemoHelp(database.prisma, services.skills, teamId, new Date(), helpChannel);
const contracts = await seedDemoContracts(database.prisma, teamId, localDate(new Date(), config.timeZone));
console.log(
  `Demo network ready in workspace ${teamId}: ${result.spaces} spaces, ${result.members} members with their skills, ${events} new events, ${requests} new help requests, ${contracts} new contracts.`,
);
await database.close();
