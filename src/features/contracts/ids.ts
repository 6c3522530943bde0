export const CONTRACT_COMMAND = '/contrat';

export const ContractViews = {
  form: 'contract_form',
} as const;

export const ContractActions = {
  add: 'contract_add',
  edit: 'contract_edit',
  /** A contract's ⋯ menu in the coordinators' list: edit it, or its person's participant record. */
  menu: 'contract_menu',
  page: 'contract_page',
  done: 'contract_ms_done',
  renewed: 'contract_renewed',
  notRenewed: 'contract_not_renewed',
} as const;

const field = <B extends string>(block: B) => ({ block, action: 'value' }) as const;

export const ContractFields = {
  user: field('contract_user'),
  space: field('contract_space'),
  type: field('contract_type'),
  start: field('contract_start'),
  end: field('contract_end'),
  hours: field('contract_hours'),
  prescriber: field('contract_prescriber'),
  leadTime: field('contract_lead_time'),
  capException: field('contract_cap_exception'),
  notes: field('contract_notes'),
  confirm: field('contract_confirm'),
} as const;
export type ContractField = keyof typeof ContractFields;
