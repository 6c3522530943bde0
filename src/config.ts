// The environment, parsed once at start-up. Nothing else in src/ reads process.env.
import { z } from 'zod';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_DATABASE_URL = 'file:./data/tiers-lieux.db';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const channelId = optionalText.pipe(
  z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCDEF (not a channel name)')
    .optional(),
);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalText.pipe(z.url({ message: 'must be a URL such as https://slack.com/api/' }).optional()),
  DATABASE_URL: optionalText
    .transform((v) => v ?? DEFAULT_DATABASE_URL)
    .pipe(z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must be file:<path> (SQLite) or postgresql://… (PostgreSQL)')),
  PORT: optionalText
    .transform((v) => v ?? '3000')
    .pipe(z.coerce.number<string>({ message: 'must be a port number' }).int().min(1).max(65535)),
  TIMEZONE: optionalText
    .transform((v) => v ?? 'Europe/Paris')
    .pipe(z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')),
  DEFAULT_LOCALE: optionalText.transform((v) => v ?? 'fr').pipe(z.enum(LOCALES, { message: 'must be fr or en' })),
  COORDINATOR_USER_IDS: optionalText.transform((v, ctx) => {
    const ids = (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const id of ids) {
      if (!/^[UW][A-Z0-9]{2,}$/.test(id)) {
        ctx.addIssue({ code: 'custom', message: `"${id}" is not a Slack user id (such as U0123ABCDEF)` });
      }
    }
    return ids;
  }),
  AGENDA_CHANNEL_ID: channelId,
  HELP_CHANNEL_ID: channelId,
  COORDINATION_CHANNEL_ID: channelId,
  YEARLY_EVENT_TARGET: optionalText
    .transform((v) => v ?? '170')
    .pipe(z.coerce.number<string>({ message: 'must be a whole number' }).int().min(1).max(100000)),
  PUBLIC_URL: optionalText.pipe(
    z.url({ message: 'must be the public https:// address of the app, such as https://tiers-lieux.example.org' }).optional(),
  ),
  CALENDAR_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 letters, digits, - or _ (it is part of the calendar URLs)')
      .optional(),
  ),
  LOG_LEVEL: optionalText.transform((v) => v ?? 'info').pipe(z.enum(LOG_LEVELS, { message: 'must be debug, info, warn or error' })),
  JOB_LEASE_SECONDS: optionalText
    .transform((v) => v ?? '120')
    .pipe(z.coerce.number<string>({ message: 'must be a whole number of seconds' }).int().min(3).max(3600)),
  PACK_MAX_SHEETS_IN_SLACK: optionalText
    .transform((v) => v ?? '2000')
    .pipe(z.coerce.number<string>({ message: 'must be a whole number' }).int().min(0).max(100000)),
});

export interface Config {
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  databaseUrl: string;
  port: number;
  timeZone: string;
  defaultLocale: Locale;
  coordinatorUserIds: string[];
  channels: { agenda: string | undefined; help: string | undefined; coordination: string | undefined };
  yearlyEventTarget: number;
  /** Public base URL of the app (calendar feed links), without trailing slash. */
  publicUrl: string | undefined;
  calendarToken: string | undefined;
  logLevel: LogLevel;
  /** How long a job run's claim holds without its process renewing it (then it is taken over). */
  jobLeaseMs: number;
  /** The most time sheets a funders' pack sent through Slack may hold (beyond: `npm run export -- --pack`). */
  packMaxSheetsInSlack: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad setting. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const v = result.data;
  return {
    slack: {
      botToken: v.SLACK_BOT_TOKEN,
      signingSecret: v.SLACK_SIGNING_SECRET,
      appToken: v.SLACK_APP_TOKEN,
      apiUrl: v.SLACK_API_URL,
    },
    databaseUrl: v.DATABASE_URL,
    port: v.PORT,
    timeZone: v.TIMEZONE,
    defaultLocale: v.DEFAULT_LOCALE,
    coordinatorUserIds: v.COORDINATOR_USER_IDS,
    channels: { agenda: v.AGENDA_CHANNEL_ID, help: v.HELP_CHANNEL_ID, coordination: v.COORDINATION_CHANNEL_ID },
    yearlyEventTarget: v.YEARLY_EVENT_TARGET,
    publicUrl: v.PUBLIC_URL?.replace(/\/+$/, ''),
    calendarToken: v.CALENDAR_TOKEN,
    logLevel: v.LOG_LEVEL,
    jobLeaseMs: v.JOB_LEASE_SECONDS * 1000,
    packMaxSheetsInSlack: v.PACK_MAX_SHEETS_IN_SLACK,
  };
}

export type SlackMode = 'socket' | 'http';

export interface SlackCredentials {
  mode: SlackMode;
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
}

/** What `npm start` needs: a bot token, plus an app token (Socket Mode) or a signing secret (HTTP). */
export function requireSlackCredentials(config: Config): SlackCredentials {
  const { botToken, signingSecret, appToken } = config.slack;
  const missing: string[] = [];
  if (!botToken) missing.push('SLACK_BOT_TOKEN: missing (Bot User OAuth Token, xoxb-…, under "OAuth & Permissions")');
  if (!appToken && !signingSecret) {
    missing.push(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: set one — an app-level token (xapp-…, scope connections:write) for Socket Mode, or the signing secret ("Basic Information") for HTTP mode',
    );
  }
  if (missing.length > 0 || !botToken) throw new ConfigError(missing);
  return { mode: appToken ? 'socket' : 'http', botToken, signingSecret, appToken };
}

export const HOW_TO_CREATE_THE_APP = [
  'To create the Slack app: open https://api.slack.com/apps → "Create New App" → "From a manifest",',
  'choose your workspace, paste the content of manifest.yml, create, then "Install to Workspace".',
  'Copy the tokens into a .env file (see .env.example) and run `npm start` again.',
].join('\n');
