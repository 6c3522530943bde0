import { describe, expect, it } from 'vitest';
import { type Space, slugify } from '../../src/features/network/service.ts';
import { fundingModalView, networkOverviewView, spaceModalView } from '../../src/features/network/views.ts';
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
const funding = {
  networkName: 'Tiers-Lieux <Drôme>',
  programmeName: 'FSE+ 2021-2027',
  fundingMention: 'Ce projet est cofinancé par le Fonds social européen.',
};

describe('network views', () => {
  it('stays within 100 blocks with many spaces and says how many are left out', () => {
    const view = networkOverviewView(
      {
        spaces: Array.from({ length: 250 }, (_, i) => space(i)),
        settings,
        funding,
        coordinators: ['U1'],
        configuredCoordinators: new Set(['U1']),
      },
      translator('fr'),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).toMatch(/… et \d+ de plus/);
    expect(JSON.stringify(view.blocks)).toContain('(configuration)');
  });

  it('escapes space names typed by users', () => {
    const view = networkOverviewView(
      { spaces: [space(1, '<!channel> <https://evil|ici>')], settings, funding, coordinators: [], configuredCoordinators: new Set() },
      translator('en'),
    );
    const text = JSON.stringify(view.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil');
    expect(text).toContain('Spaces');
    expect(text).toContain('Tiers-Lieux &lt;Drôme&gt;');
  });

  it('shows the funders’ texts as printed, in the form that edits them, an empty one going back to the default', () => {
    const t = translator('fr');
    const view = JSON.stringify(fundingModalView(funding, t, {}));
    expect(view).toContain('"initial_value":"Ce projet est cofinancé par le Fonds social européen."');
    expect(view).toContain('Laissé vide, le texte par défaut est repris.');
    const overview = JSON.stringify(
      networkOverviewView({ spaces: [], settings, funding, coordinators: [], configuredCoordinators: new Set() }, t).blocks,
    );
    expect(overview).toContain('Documents pour les financeurs');
    expect(overview).toContain('*Programme\u00a0:* FSE+ 2021-2027');
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
