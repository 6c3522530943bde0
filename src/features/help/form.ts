// Reading and checking the help request modal.

import type { Translate } from '../../i18n/index.ts';
import type { ViewState } from '../../slack/view-state.ts';
import { isOneOf, oneOf } from '../../vocabulary.ts';
import { splitSkills } from '../skills/normalize.ts';
import { HelpFields } from './ids.ts';
import type { HelpInput } from './service.ts';
import { DETAILS_MAX, QUESTION_MAX } from './views.ts';
import { HELP_CATEGORIES, HELP_URGENCIES } from './vocabulary.ts';

export const SKILLS_WANTED_MAX = 20;

/** Field errors as Slack expects them (block id → message), in the reader's language. */
export function readHelpForm(
  state: ViewState,
  t: Translate,
): { ok: true; input: HelpInput } | { ok: false; errors: Record<string, string> } {
  const question = state.text(HelpFields.question).trim().replace(/\s+/g, ' ');
  const details = state.text(HelpFields.details).trim();
  const chosen = state.selected(HelpFields.category);
  const category = isOneOf(HELP_CATEGORIES, chosen) ? chosen : undefined;
  const chosenUrgency = state.selected(HelpFields.urgency);
  const urgency = oneOf(HELP_URGENCIES, chosenUrgency, 'week');
  const errors: Record<string, string> = {};
  // A choice the modal did not offer is refused, never replaced by a default.
  if (chosenUrgency !== undefined && !isOneOf(HELP_URGENCIES, chosenUrgency))
    errors[HelpFields.urgency.block] = t('form.error.unknownChoice');
  if (question === '') errors[HelpFields.question.block] = t('help.error.questionRequired');
  else if (question.length > QUESTION_MAX) errors[HelpFields.question.block] = t('help.error.questionTooLong', { max: QUESTION_MAX });
  if (details.length > DETAILS_MAX) errors[HelpFields.details.block] = t('help.error.detailsTooLong', { max: DETAILS_MAX });
  if (chosen !== undefined && !category) errors[HelpFields.category.block] = t('form.error.unknownChoice');
  else if (!category) errors[HelpFields.category.block] = t('help.error.categoryRequired');
  if (Object.keys(errors).length > 0 || !category) return { ok: false, errors };
  const skillsWanted = [...new Set([...state.selectedMany(HelpFields.skills), ...splitSkills(state.text(HelpFields.otherSkills))])].slice(
    0,
    SKILLS_WANTED_MAX,
  );
  return { ok: true, input: { question, details, category, urgency, skillsWanted } };
}
