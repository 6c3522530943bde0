import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATABASE_URL, parseConfig, requireSlackCredentials } from '../../src/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('settings', () => {
  it('has defaults for everything but Slack credentials', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      databaseUrl: DEFAULT_DATABASE_URL,
      port: 3000,
      timeZone: 'Europe/Paris',
      defaultLocale: 'fr',
      coordinatorUserIds: [],
      yearlyEventTarget: 170,
      logLevel: 'info',
      channels: { agenda: undefined, help: undefined, coordination: undefined },
    });
  });

  it('treats empty values (as in a copied .env.example) as unset', () => {
    expect(parseConfig({ SLACK_APP_TOKEN: '', PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('reads every setting', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'https://slack.example/api/',
      DATABASE_URL: 'postgresql://u:p@db:5432/tl',
      PORT: '8080',
      TIMEZONE: 'America/Martinique',
      DEFAULT_LOCALE: 'en',
      COORDINATOR_USER_IDS: 'U01, U02 ,W03',
      AGENDA_CHANNEL_ID: 'C0A',
      HELP_CHANNEL_ID: 'C0B',
      COORDINATION_CHANNEL_ID: 'G0C',
      YEARLY_EVENT_TARGET: '200',
      LOG_LEVEL: 'debug',
    });
    expect(config.coordinatorUserIds).toEqual(['U01', 'U02', 'W03']);
    expect(config.channels).toEqual({ agenda: 'C0A', help: 'C0B', coordination: 'G0C' });
    expect(config).toMatchObject({ port: 8080, timeZone: 'America/Martinique', defaultLocale: 'en', yearlyEventTarget: 200 });
  });

  it('names each bad setting', () => {
    const found = problems({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: 'http',
      TIMEZONE: 'Paris',
      DEFAULT_LOCALE: 'de',
      COORDINATOR_USER_IDS: 'U01,camille',
      AGENDA_CHANNEL_ID: '#agenda',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    const names = found.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(
      [
        'AGENDA_CHANNEL_ID',
        'COORDINATOR_USER_IDS',
        'DATABASE_URL',
        'DEFAULT_LOCALE',
        'LOG_LEVEL',
        'PORT',
        'SLACK_BOT_TOKEN',
        'TIMEZONE',
      ].sort(),
    );
    expect(found.join('\n')).toContain('"camille" is not a Slack user id');
  });

  it('chooses Socket Mode with an app token, HTTP mode with a signing secret, and refuses neither', () => {
    expect(requireSlackCredentials(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).mode).toBe('socket');
    expect(requireSlackCredentials(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).mode).toBe('http');
    expect(() => requireSlackCredentials(parseConfig({}))).toThrow(/SLACK_BOT_TOKEN[\s\S]*SLACK_APP_TOKEN or SLACK_SIGNING_SECRET/);
  });
});
