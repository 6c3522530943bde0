// /competences: edit one's own skills (modal), or find who has a skill.
import type { App } from '@slack/bolt';
import { translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { escapeMrkdwn } from '../../slack/escape.ts';
import { apologyFor } from '../../slack/failures.ts';
import { teamOf } from '../../slack/payload.ts';
import { ViewState } from '../../slack/view-state.ts';
import { refreshHomes } from '../home/listeners.ts';
import { SKILLS_COMMAND, SkillFields, SkillViews } from './ids.ts';
import { SKILL_MAX_LENGTH, splitSkills } from './normalize.ts';
import { skillSearchMessage, skillsModalView } from './views.ts';

export async function openSkillsModal(services: Services, teamId: string, userId: string, triggerId: string): Promise<void> {
  const t = translator(await services.members.quickLocale(teamId, userId));
  const [mine, network] = await Promise.all([services.skills.ofMember(teamId, userId), services.skills.networkSkills(teamId)]);
  await services.slack.openView(triggerId, skillsModalView(mine, network, t));
}

export function register(app: App, services: Services): void {
  const { skills, members, logger, outbox } = services;

  app.command(SKILLS_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const teamId = body.team_id;
    const t = translator(await members.quickLocale(teamId, body.user_id));
    try {
      const word = body.text.trim();
      if (word === '') {
        await openSkillsModal(services, teamId, body.user_id, body.trigger_id);
        return;
      }
      const message = skillSearchMessage(word, await skills.search(teamId, word), t);
      await respond({ response_type: 'ephemeral', text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
    } catch (error) {
      logger.error('/competences failed', { error });
      await respond({ response_type: 'ephemeral', text: t(apologyFor(error)) });
    }
  });

  app.view(SkillViews.edit, async ({ ack, body, view }) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const t = translator(await members.quickLocale(teamId, userId));
    const state = new ViewState(view.state.values);
    let saved: string[] = [];
    try {
      const labels = [...state.selectedMany(SkillFields.known), ...splitSkills(state.text(SkillFields.added))];
      const result = await skills.save(teamId, userId, labels, state.checked(SkillFields.optOut, 'opt_out'));
      if (!result.ok) {
        const message =
          result.error === 'tooMany'
            ? t('skills.error.tooMany', { max: result.detail })
            : t('skills.error.tooLong', { label: result.detail, max: SKILL_MAX_LENGTH });
        await ack({ response_action: 'errors', errors: { [SkillFields.added.block]: message } });
        return;
      }
      saved = result.skills.map((s) => s.label);
      await ack();
    } catch (error) {
      logger.error('saving skills failed', { error });
      await ack({ response_action: 'errors', errors: { [SkillFields.added.block]: t(apologyFor(error)) } });
      return;
    }
    refreshHomes(services, teamId, [userId]);
    const text = saved.length > 0 ? t('skills.saved', { list: saved.map(escapeMrkdwn).join(', ') }) : t('skills.savedNone');
    await outbox.send({ teamId, kind: 'post', channel: userId, content: { text } }).catch(() => undefined);
  });
}
