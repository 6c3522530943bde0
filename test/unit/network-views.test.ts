import { describe, expect, it } from 'vitest';
import { type Space, slugify } from '../../src/features/network/service.ts';
import { networkOverviewView, spaceModalView } from '../../src/features/network/views.ts';
import { translator } from '../../src/i18n/index.ts';

const space = (i: number, name = `Espace ${i}`): Space => ({
  id: i,
  name,
  slug: slugify(name),
  town: 'Die',
  kind: 'fablab',
  channelId: undefined,
  archived: false,
});
const settings = {
  agendaChannelId: 'C0A',
  helpChannelId: undefined,
  coordinationChannelId: undefined,
  yearlyEventTarget: 170,
  digestCron: undefined,
};

describe('network views', () => {
  it('stays within 100 blocks with many spaces and says how many are left out', () => {
    const view = networkOverviewView(
      { spaces: Array.from({ length: 250 }, (_, i) => space(i)), settings, coordinators: ['U1'], configuredCoordinators: new Set(['U1']) },
      translator('fr'),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).toMatch(/… et \d+ de plus/);
    expect(JSON.stringify(view.blocks)).toContain('(configuration)');
  });

  it('escapes space names typed by users', () => {
    const view = networkOverviewView(
      { spaces: [space(1, '<!channel> <https://evil|ici>')], settings, coordinators: [], configuredCoordinators: new Set() },
      translator('en'),
    );
    const text = JSON.stringify(view.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil');
    expect(text).toContain('Spaces');
  });

  it('pre-fills the edit modal and offers archiving only when editing', () => {
    const t = translator('fr');
    expect(JSON.stringify(spaceModalView(space(3, 'Le Lieu-Dit'), t, { spaceId: 3 }))).toContain('"initial_value":"Le Lieu-Dit"');
    expect(JSON.stringify(spaceModalView(undefined, t, {}))).not.toContain('space_archived');
  });

  it('makes URL-safe slugs from French names', () => {
    expect(slugify('La Fabrique de Crest')).toBe('la-fabrique-de-crest');
    expect(slugify('Terre & Pixels — Dieulefit')).toBe('terre-pixels-dieulefit');
    expect(slugify('Rémuzat Œil')).toBe('remuzat-oeil');
    expect(slugify('!!!')).toBe('espace');
  });
});
