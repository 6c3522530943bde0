// /competences: edit one's own skills (modal), or find who has a skill.
import type { Services } from '../../services.ts';
import { escapeMrkdwn } from '../../slack/escape.ts';
import type { Interactions, Requester } from '../../slack/interaction.ts';
import { SKILLS_COMMAND, SkillActions, SkillFields, SkillViews } from './ids.ts';
import { SKILL_MAX_LENGTH, splitSkills } from './normalize.ts';
import { skillSearchMessage, skillsModalView } from './views.ts';

export function register(on: Interactions, services: Services): void {
  const { skills, slack, outbox, home } = services;

  const openEditor = async (who: Requester, triggerId: string) => {
    const [mine, network] = await Promise.all([skills.ofMember(who.teamId, who.userId), skills.networkSkills(who.teamId)]);
    await slack.openView(triggerId, skillsModalView(mine, network, who.t));
  };

  // The skills menu of a network with more than 100 skills, searched as the member types.
  on.options(SkillFields.known, ({ teamId, query }) => skills.choices(teamId, query));

  on.command(SKILLS_COMMAND, async ({ who, text, triggerId, reply }) => {
    if (text === '') return openEditor(who, triggerId);
    await reply(skillSearchMessage(text, await skills.search(who.teamId, text), who.t));
  });

  // "My skills" from the App Home.
  on.action(SkillActions.open, ({ who, triggerId }) => openEditor(who, triggerId));

  on.submission(
    SkillViews.edit,
    async ({ who, state }) => {
      const labels = [...state.selectedMany(SkillFields.known), ...splitSkills(state.text(SkillFields.added))];
      const result = await skills.save(who.teamId, who.userId, labels, state.checked(SkillFields.optOut, 'opt_out'));
      if (!result.ok) {
        const message =
          result.error === 'tooMany'
            ? who.t('skills.error.tooMany', { max: result.detail })
            : who.t('skills.error.tooLong', { label: result.detail, max: SKILL_MAX_LENGTH });
        return { errors: { [SkillFields.added.block]: message } };
      }
      const saved = result.skills.map((s) => s.label);
      return {
        after: async () => {
          home.refresh(who.teamId, [who.userId]);
          const text = saved.length > 0 ? who.t('skills.saved', { list: saved.map(escapeMrkdwn).join(', ') }) : who.t('skills.savedNone');
          await outbox.send({ teamId: who.teamId, kind: 'post', channel: who.userId, content: { text } });
        },
      };
    },
    { errorBlock: SkillFields.added.block },
  );
}
