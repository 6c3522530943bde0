import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { button, capBlocks, context, LIMITS, modal, reusable, section, truncate, viewJson } from '../../src/slack/blocks.ts';
import { escapeMrkdwn, userMention } from '../../src/slack/escape.ts';
import { classifySlackError, SlackCallError } from '../../src/slack/gateway.ts';
import { backoffMs } from '../../src/slack/outbox.ts';

describe('escaping user text for mrkdwn', () => {
  it.each([
    ['<!channel> venez !', '&lt;!channel&gt; venez !'],
    ['<https://evil.example|cliquez ici>', '&lt;https://evil.example|cliquez ici&gt;'],
    ['<@U0123ABCD> est génial', '&lt;@U0123ABCD&gt; est génial'],
    ['Fab & Co', 'Fab &amp; Co'],
    ['&lt;déjà échappé&gt;', '&amp;lt;déjà échappé&amp;gt;'],
  ])('%s', (input, output) => {
    expect(escapeMrkdwn(input)).toBe(output);
  });

  it('defuses bare @channel, @here and @everyone', () => {
    const out = escapeMrkdwn('Réunion @channel et @here, @everyone');
    expect(out).not.toMatch(/@(channel|here|everyone)/);
    expect(out.replace(/\u200d/g, '')).toBe('Réunion @channel et @here, @everyone');
  });

  it('mentions only real user ids', () => {
    expect(userMention('U0123ABCD')).toBe('<@U0123ABCD>');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});

describe('Block Kit limits', () => {
  it('truncates texts with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    const long = section('x'.repeat(5000)) as { text: { text: string } };
    expect(long.text.text).toHaveLength(LIMITS.sectionText);
    expect(button('y'.repeat(200), 'a').text.text).toHaveLength(LIMITS.buttonText);
  });

  it('keeps modal titles within 24 characters and at most 100 blocks', () => {
    const blocks: KnownBlock[] = Array.from({ length: 150 }, () => section('x'));
    const view = modal({ title: 'Un titre beaucoup trop long pour Slack', callbackId: 'c', close: 'Fermer', blocks });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks).toHaveLength(100);
  });

  it('caps long lists with a closing "and N more" block', () => {
    const items = Array.from({ length: 30 }, (_, i) => [section(`item ${i}`), context('détail')]);
    const out = capBlocks(items, 10, (n) => context(`… et ${n} de plus`));
    expect(out).toHaveLength(9);
    expect(JSON.stringify(out.at(-1))).toContain('et 26 de plus');
    expect(capBlocks(items.slice(0, 5), 10, () => context('jamais'))).toHaveLength(10);
  });
});

describe('Slack API errors', () => {
  it('sorts errors into permanent ones and retryable ones', () => {
    const platform = (error: string) =>
      Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
    expect(classifySlackError(platform('channel_not_found'))).toMatchObject({ code: 'channel_not_found', permanent: true });
    expect(classifySlackError(platform('not_in_channel'))).toMatchObject({ permanent: true });
    expect(classifySlackError(platform('internal_error'))).toMatchObject({ permanent: false });
    expect(classifySlackError(Object.assign(new Error('429'), { code: 'slack_webapi_rate_limited_error', retryAfter: 42 }))).toMatchObject({
      code: 'ratelimited',
      permanent: false,
      retryAfterSeconds: 42,
    });
    expect(classifySlackError(Object.assign(new Error('boom'), { code: 'slack_webapi_http_error', statusCode: 503 }))).toMatchObject({
      code: 'http_503',
      permanent: false,
    });
    expect(classifySlackError(new SlackCallError('x', true))).toMatchObject({ code: 'x', permanent: true });
  });

  it('backs off exponentially up to an hour without a hint, and retries exactly when Slack says', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3600_000);
    expect(backoffMs(1, 300)).toBe(300_000);
    expect(backoffMs(5, 1)).toBe(1000);
  });
});

describe('views sent to Slack', () => {
  it('writes a view with shared blocks exactly as JSON.stringify would, and keeps shared blocks from being changed', () => {
    const shared = reusable(section('Dans l’espace « Fab & Co »'));
    const view = modal({
      title: 'Nouvel évènement',
      callbackId: 'event_form',
      close: 'Annuler',
      privateMetadata: JSON.stringify({ channelId: 'C0"X' }),
      blocks: [section('Titre : "Atelier"\n'), shared, context('fin')],
    });
    expect(viewJson(view)).toBe(JSON.stringify(view));
    expect(JSON.parse(viewJson({ type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] }))).toEqual({
      type: 'modal',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
    });
    expect(Object.isFrozen(shared)).toBe(true);
  });
});
