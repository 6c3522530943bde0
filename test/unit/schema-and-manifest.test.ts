// The project's contracts with Prisma and with Slack: schema and migrations agree for both
// providers; manifest.yml and the code agree on commands, and the manifest stays lean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeSchema } from '../../scripts/prisma-generate.mjs';
import { PROJECT_ROOT, pendingSchemaChange, schemaFile } from '../../src/db/migrations.ts';
import { declaredCommands } from '../../src/features/index.ts';
import { PG_ADMIN_URL } from '../support/global-setup.ts';

describe('Prisma schema and migrations', () => {
  it.each(['sqlite', 'postgresql'] as const)('the %s schema is built from prisma/models.prisma', (provider) => {
    expect(schemaFile(provider).content).toBe(composeSchema(provider));
  });

  it.each(['sqlite', 'postgresql'] as const)(
    'the %s migrations produce exactly the schema (run `npm run db:migration -- <name>` otherwise)',
    async (provider) => {
      expect(await pendingSchemaChange(provider, PG_ADMIN_URL)).toBe('');
    },
    60_000,
  );
});

interface Manifest {
  features: { slash_commands: { command: string; description: string }[]; app_home: { home_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

const manifest = parse(readFileSync(join(PROJECT_ROOT, 'manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('declares exactly the commands the code handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(declaredCommands());
    expect(declaredCommands()).toEqual(['/agenda', '/bilan', '/competences', '/contrat', '/entraide', '/evenement', '/reseau']);
  });

  it('keeps command descriptions within Slack’s 100 characters', () => {
    for (const c of manifest.features.slash_commands) expect(c.description.length).toBeLessThanOrEqual(100);
  });

  it('enables the App Home tab and interactivity', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for valid scope names, and only those the product uses', () => {
    for (const scope of manifest.oauth_config.scopes.bot) expect(scope).toMatch(/^[a-z_]+(:[a-z_.]+)?$/);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        'channels:history',
        'channels:read',
        'chat:write',
        'commands',
        'files:write',
        'groups:history',
        'groups:read',
        'im:write',
        'users:read',
      ].sort(),
    );
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'message.channels', 'message.groups']);
  });
});
