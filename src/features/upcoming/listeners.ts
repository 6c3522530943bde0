// Commands declared in manifest.yml whose feature is not in this version yet: the user
// gets a clear answer in their language instead of Slack's "dispatch_failed".
import type { App } from '@slack/bolt';
import { translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';

export const UPCOMING_COMMANDS = ['/bilan'] as const;

export function register(app: App, services: Services): void {
  for (const command of UPCOMING_COMMANDS) {
    app.command(command, async ({ ack, body }) => {
      const t = translator(await services.members.localeOf(body.team_id, body.user_id));
      await ack({ response_type: 'ephemeral', text: t('error.comingSoon', { command }) });
    });
  }
}
