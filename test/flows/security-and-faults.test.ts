import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/features/index.ts';
import { NetworkViews, SpaceFields } from '../../src/features/network/ids.ts';
import { freshDatabase } from '../support/database.ts';
import { input, postSigned, SIGNING_SECRET, slashCommand } from '../support/slack-requests.ts';
import { COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

const form = 'application/x-www-form-urlencoded';

describe('Slack request signatures', () => {
  it('rejects a forged signature with 401 and processes nothing', async () => {
    const body = slashCommand({ command: '/reseau', userId: COORDINATOR, responseUrl: `${app.slack.url}/response/x` });
    const res = await postSigned(`${app.url}/slack/events`, body, form, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('rejects a replayed request older than five minutes', async () => {
    const body = slashCommand({ command: '/reseau', userId: COORDINATOR, responseUrl: `${app.slack.url}/response/y` });
    const res = await postSigned(`${app.url}/slack/events`, body, form, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('rejects a correctly signed request dated more than five minutes ahead, and does nothing', async () => {
    const body = slashCommand({ command: '/evenement', userId: COORDINATOR, responseUrl: `${app.slack.url}/response/z` });
    const res = await postSigned(`${app.url}/slack/events`, body, form, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
    // A minute ahead (a clock slightly off) is still within the window.
    const near = await postSigned(`${app.url}/slack/events`, body, form, { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(near.status).toBe(200);
    await app.slack.waitFor('views.open');
  });

  it('rejects a signed time that is not a number', async () => {
    app.slack.reset();
    const body = slashCommand({ command: '/evenement', userId: COORDINATOR, responseUrl: `${app.slack.url}/response/w` });
    // Signed with the secret over the time "soon": Bolt alone would let it through.
    const res = await postSigned(`${app.url}/slack/events`, body, form, {
      signature: `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:soon:${body}`).digest('hex')}`,
      headers: { 'x-slack-request-timestamp': 'soon' },
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('rejects a request without signature', async () => {
    const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: { 'content-type': form }, body: 'command=%2Freseau' });
    expect(res.status).toBe(401);
  });
});

describe('every command of the manifest is answered', () => {
  it.each(['/evenement', '/agenda', '/entraide', '/competences', '/contrat', '/bilan', '/reseau'])(
    '%s is acknowledged at once',
    async (command) => {
      const res = await app.command(command, COORDINATOR);
      expect(res.status).toBe(200);
    },
  );
});

describe('every feature module is registered', () => {
  it('lists each feature folder that has listeners', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..', 'src', 'features');
    const withListeners = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'listeners.ts')))
      .map((d) => d.name)
      .sort();
    expect(FEATURES.map((f) => f.name).sort()).toEqual(withListeners);
  });
});

describe('database failures', () => {
  it('answers a modal submission with an apology in the modal, and the health route says 503', async () => {
    const broken = await startTestApp({ db: await freshDatabase() });
    await broken.db.database.close();
    await broken.db.drop();
    const res = await broken.submit({
      callbackId: NetworkViews.space,
      userId: COORDINATOR,
      values: {
        [SpaceFields.name.block]: { [SpaceFields.name.action]: input.text('Tiers-lieu perdu') },
        [SpaceFields.kind.block]: { [SpaceFields.kind.action]: input.select('fablab') },
      },
    });
    expect(res.status).toBe(200);
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.values(body.errors).join(' ')).toMatch(/base de données ne répond pas|quelque chose s’est mal passé/);
    const health = await fetch(`${broken.url}/healthz`);
    expect(health.status).toBe(503);
    await broken.close();
  });
});
