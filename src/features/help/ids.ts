export const HELP_COMMAND = '/entraide';

export const HelpViews = {
  ask: 'help_ask',
} as const;

export const HelpActions = {
  take: 'help_take',
  resolve: 'help_resolve',
  close: 'help_close',
  keep: 'help_keep',
  thank: 'help_thank',
  ask: 'help_ask_open',
} as const;

const field = <B extends string>(block: B) => ({ block, action: 'value' }) as const;

export const HelpFields = {
  question: field('help_question'),
  details: field('help_details'),
  category: field('help_category'),
  urgency: field('help_urgency'),
  skills: field('help_skills'),
  otherSkills: field('help_other_skills'),
  thanked: field('help_thanked'),
} as const;
export type HelpField = keyof typeof HelpFields;
