// createApp: the Bolt app with every feature registered. No side effect at import time.
import type { Server } from 'node:http';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel } from '@slack/bolt';
import { calendarRoutes } from './features/events/calendar-routes.ts';
import { FEATURES } from './features/index.ts';
import { refusingOutOfWindow } from './http/freshness.ts';
import { healthRoute } from './http/routes.ts';
import type { Logger } from './logger.ts';
import type { Services } from './services.ts';
import type { BotIdentity, SlackConnection } from './slack/connection.ts';
import { webClientOptions } from './slack/gateway.ts';
import { Interactions } from './slack/interaction.ts';

export type { BotIdentity };

/**
 * How the app talks with Slack. `bot`: who the bot is (from the start-up `auth.test`), given to
 * Bolt, which then does not ask again; when Slack could not be reached at start-up, `connection`
 * says it once Slack answers (until then, Slack's requests are refused).
 */
export type Transport = { bot: BotIdentity | undefined; connection?: SlackConnection } & (
  | { mode: 'http'; botToken: string; signingSecret: string; port: number }
  | { mode: 'socket'; botToken: string; appToken: string; port: number }
);

function boltLogger(logger: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  let level = LogLevel.INFO;
  return {
    // Bolt logs at debug level on every request: nothing is formatted unless it is written.
    debug: (...m: unknown[]) => {
      if (logger.level === 'debug') logger.debug(text(m));
    },
    info: (...m: unknown[]) => logger.info(text(m)),
    warn: (...m: unknown[]) => logger.warn(text(m)),
    error: (...m: unknown[]) => logger.error(text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export interface RunningApp {
  app: App;
  /** Starts listening; resolves with the HTTP server (HTTP mode) when there is one. */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
}

export function createApp(services: Services, transport: Transport): RunningApp {
  const logger = services.logger.child('slack');
  const customRoutes = [healthRoute(services.health, logger, transport.connection), ...calendarRoutes(services)];
  const clientOptions = webClientOptions({ token: transport.botToken, apiUrl: services.config.slack.apiUrl });
  const { connection } = transport;
  const identity =
    transport.bot || !connection
      ? { token: transport.botToken, ...transport.bot }
      : {
          authorize: async () => {
            const bot = connection.workspace?.bot;
            if (!bot) throw new Error('Slack could not be reached yet: the bot does not know who it is');
            return { botToken: transport.botToken, ...bot };
          },
        };
  const common = {
    ...identity,
    logger: boltLogger(logger),
    logLevel: services.config.logLevel === 'debug' ? LogLevel.DEBUG : LogLevel.INFO,
    clientOptions,
    // No conversation state is kept between requests: Bolt's store middleware would only cost.
    convoStore: false as const,
  };
  let app: App;
  if (transport.mode === 'socket') {
    app = new App({ ...common, customRoutes, socketMode: true, appToken: transport.appToken, installerOptions: { port: transport.port } });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: transport.signingSecret,
      customRoutes,
      logger: common.logger,
      logLevel: common.logLevel,
    });
    receiver.requestListener = refusingOutOfWindow(receiver.requestListener, logger);
    app = new App({ ...common, receiver });
  }
  const on = new Interactions(app, { members: services.members, repeats: services.repeats, slack: services.slack, logger });
  for (const feature of FEATURES) feature.register(on, services);
  app.error(async (error) => {
    logger.error('unhandled error in a listener', { error });
  });

  return {
    app,
    async start() {
      const started: unknown = transport.mode === 'socket' ? await app.start() : await app.start(transport.port);
      return isServer(started) ? started : undefined;
    },
    async stop() {
      await app.stop();
    },
  };
}

function isServer(value: unknown): value is Server {
  return typeof value === 'object' && value !== null && 'address' in value && 'close' in value;
}
