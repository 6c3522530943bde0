// The one escaping helper for user text put into mrkdwn.
// Slack's control sequences live between < and >: escaping &, < and > turns
// "<!channel>", "<@U123>" and "<https://evil|click>" into plain text. A bare
// "@channel" or "@here" is defused with a zero-width joiner so it can never
// become a mention, even if a message is later sent with link_names.

const ZWJ = '\u200d';

export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${ZWJ}$1`);
}

/** A Slack mention of a user id we trust (from Slack itself, never from typed text). */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A Slack channel link for a channel id we trust. */
export function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}
