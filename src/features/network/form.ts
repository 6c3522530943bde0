// Reading the network setup modals: pure, field by field.

import type { Translate } from '../../i18n/index.ts';
import { isValidCron } from '../../jobs/cron.ts';
import { isChannelId, type ViewState } from '../../slack/view-state.ts';
import { oneOf } from '../../vocabulary.ts';
import { FundingFields, SettingsFields, SPACE_KINDS, SpaceFields } from './ids.ts';
import { FUNDING_MENTION_MAX, FUNDING_NAME_MAX, type FundingSettings, type FundingText, type SettingsInput } from './model.ts';
import type { Space } from './repo.ts';

/** A space as the modal gives it (its name and town still to be checked). */
export type SpaceForm = Omit<Space, 'id' | 'slug'>;

export function readSpaceForm(state: ViewState): SpaceForm {
  const kindValue = state.selected(SpaceFields.kind);
  return {
    name: state.text(SpaceFields.name),
    town: state.text(SpaceFields.town),
    kind: oneOf(SPACE_KINDS, kindValue, 'tiers_lieu'),
    channelId: state.conversation(SpaceFields.channel),
    archived: state.checked(SpaceFields.archived, 'archived'),
  };
}

/** A kind the form never offered (a forged or stale submission) is refused, not read as « tiers-lieu ». */
export function spaceKindErrors(state: ViewState, t: Translate): Record<string, string> | undefined {
  const kind = state.selected(SpaceFields.kind);
  if (kind === undefined || (SPACE_KINDS as readonly string[]).includes(kind)) return undefined;
  return { [SpaceFields.kind.block]: t('form.error.unknownChoice') };
}

export const TARGET_MAX = 100_000;

/** The channels, the yearly target and the digest schedule; field errors as Slack expects them. */
export function readSettingsForm(
  state: ViewState,
  t: Translate,
): { ok: true; input: SettingsInput } | { ok: false; errors: Record<string, string> } {
  const rawTarget = state.text(SettingsFields.target).trim();
  const target = /^\d+$/.test(rawTarget) ? Number(rawTarget) : Number.NaN;
  if (!Number.isInteger(target) || target < 1 || target > TARGET_MAX) {
    return { ok: false, errors: { [SettingsFields.target.block]: t('settings.error.target') } };
  }
  const digestCron = state.text(SettingsFields.digestCron).trim().replace(/\s+/g, ' ');
  if (digestCron !== '' && !isValidCron(digestCron)) {
    return { ok: false, errors: { [SettingsFields.digestCron.block]: t('settings.error.digestCron') } };
  }
  const agenda = state.conversation(SettingsFields.agenda);
  const help = state.conversation(SettingsFields.help);
  const coordination = state.conversation(SettingsFields.coordination);
  const notChannels = (
    [
      [SettingsFields.agenda, agenda],
      [SettingsFields.help, help],
      [SettingsFields.coordination, coordination],
    ] as const
  ).filter(([, id]) => id !== undefined && !isChannelId(id));
  if (notChannels.length > 0) {
    return { ok: false, errors: Object.fromEntries(notChannels.map(([field]) => [field.block, t('form.error.unknownChoice')])) };
  }
  return {
    ok: true,
    input: {
      ...(agenda ? { agendaChannelId: agenda } : {}),
      ...(help ? { helpChannelId: help } : {}),
      ...(coordination ? { coordinationChannelId: coordination } : {}),
      yearlyEventTarget: target,
      ...(digestCron !== '' ? { digestCron } : {}),
    },
  };
}

/**
 * The funders' texts: each one trimmed, one line for the names; a text left empty, or left as
 * the default it was shown with, follows the default.
 */
export function readFundingForm(
  state: ViewState,
  defaults: FundingText,
  t: Translate,
): { ok: true; input: FundingSettings } | { ok: false; errors: Record<string, string> } {
  const fields = [
    ['networkName', FundingFields.networkName, FUNDING_NAME_MAX],
    ['programmeName', FundingFields.programmeName, FUNDING_NAME_MAX],
    ['fundingMention', FundingFields.mention, FUNDING_MENTION_MAX],
  ] as const;
  const input: FundingSettings = { networkName: undefined, programmeName: undefined, fundingMention: undefined };
  const errors: Record<string, string> = {};
  for (const [key, field, max] of fields) {
    const value = state.text(field).replace(/\s+/g, ' ').trim();
    if (value.length > max) errors[field.block] = t('funding.error.tooLong', { max });
    else if (value !== '' && value !== defaults[key]) input[key] = value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
