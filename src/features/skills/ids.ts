export const SKILLS_COMMAND = '/competences';

/** Opens one's own skills (from the App Home). */
export const SkillActions = {
  open: 'help_skills_open',
} as const;

export const SkillViews = {
  edit: 'skills_edit',
} as const;

export const SkillFields = {
  known: { block: 'skills_known', action: 'value' },
  added: { block: 'skills_added', action: 'value' },
  optOut: { block: 'skills_opt_out', action: 'value' },
} as const;
