// Pure views of the network setup: (data, locale) → Block Kit.
import type { ExternalSelect, KnownBlock, MultiExternalSelect, MultiStaticSelect, StaticSelect, View } from '@slack/types';
import type { Locale } from '../../config.ts';
import type { Translate } from '../../i18n/index.ts';
import {
  actions,
  button,
  capBlocks,
  context,
  divider,
  type FieldRef,
  header,
  input,
  LIMITS,
  modal,
  option,
  section,
} from '../../slack/blocks.ts';
import { channelMention, escapeMrkdwn, userMention } from '../../slack/escape.ts';
import { DEFAULT_DIGEST_CRON } from '../digest/schedule.ts';
import type { HealthReport } from '../home/health.ts';
import { healthBlocks } from '../home/views.ts';
import { TARGET_MAX } from './form.ts';
import {
  CoordinatorFields,
  FundingFields,
  NetworkActions,
  NetworkViews,
  SettingsFields,
  SPACE_KINDS,
  SpaceFields,
  type SpaceKind,
} from './ids.ts';
import {
  FUNDING_MENTION_MAX,
  FUNDING_NAME_MAX,
  type FundingText,
  type NetworkSettings,
  SPACE_NAME_MAX,
  SPACE_TOWN_MAX,
  type SpaceFieldError,
} from './model.ts';
import type { Space } from './repo.ts';

export interface OverviewData {
  spaces: Space[];
  settings: NetworkSettings;
  /** What funders' documents print (defaults applied). */
  funding: FundingText;
  /** The app's state: channels, scheduled jobs, posts waiting or failed (its panel closes the overview). */
  health?: { report: HealthReport; locale: Locale; timeZone: string };
  coordinators: string[];
  configuredCoordinators: ReadonlySet<string>;
}

const kindKey = (kind: SpaceKind) => `spaceKind.${kind}` as const;

function channelOrUnset(t: Translate, id: string | undefined): string {
  return id ? channelMention(id) : `_${t('common.notSet')}_`;
}

/** Room for the fixed parts of the overview (the health panel included); the rest goes to the list of spaces. */
const OVERVIEW_FIXED_BLOCKS = 22;

export function networkOverviewView(data: OverviewData, t: Translate): View {
  const spaceBlocks = data.spaces.map((s) => [
    section(
      t('network.spaces.line', {
        name: escapeMrkdwn(s.name) + (s.archived ? ` _(${t('network.spaces.archived')})_` : ''),
        town: escapeMrkdwn(s.town),
        kind: t(kindKey(s.kind)),
        channel: s.channelId ? channelMention(s.channelId) : t('network.spaces.noChannel'),
      }),
      button(t('network.spaces.edit'), NetworkActions.editSpace, String(s.id)),
    ),
  ]);
  const blocks: KnownBlock[] = [
    header(t('network.spaces.header')),
    ...(data.spaces.length === 0
      ? [section(t('network.spaces.empty'))]
      : capBlocks(spaceBlocks, 100 - OVERVIEW_FIXED_BLOCKS, (n) => context(t('common.andMore', { count: n })))),
    actions('network_spaces_actions', [button(t('network.spaces.add'), NetworkActions.addSpace, undefined, 'primary')]),
    divider(),
    header(t('network.channels.header')),
    section(
      t('network.channels.summary', {
        agenda: channelOrUnset(t, data.settings.agendaChannelId),
        help: channelOrUnset(t, data.settings.helpChannelId),
        coordination: channelOrUnset(t, data.settings.coordinationChannelId),
        target: data.settings.yearlyEventTarget,
      }),
    ),
    actions('network_settings_actions', [button(t('network.channels.edit'), NetworkActions.editSettings)]),
    divider(),
    header(t('network.coordinators.header')),
    section(
      data.coordinators.length === 0
        ? `_${t('common.none')}_`
        : data.coordinators
            .map((u) => `${userMention(u)}${data.configuredCoordinators.has(u) ? ` ${t('network.coordinators.fromConfig')}` : ''}`)
            .join(', '),
    ),
    actions('network_coordinators_actions', [button(t('network.coordinators.edit'), NetworkActions.editCoordinators)]),
    divider(),
    header(t('network.funding.header')),
    section(
      t('network.funding.summary', {
        network: escapeMrkdwn(data.funding.networkName),
        programme: escapeMrkdwn(data.funding.programmeName),
        mention: escapeMrkdwn(data.funding.fundingMention),
      }),
    ),
    actions('network_funding_actions', [button(t('network.funding.edit'), NetworkActions.editFunding)]),
    ...(data.health ? [divider(), ...healthBlocks(data.health.report, t, data.health.locale, data.health.timeZone)] : []),
  ];
  return modal({ title: t('network.title'), callbackId: NetworkViews.overview, close: t('common.close'), blocks });
}

export interface SubModalMetadata {
  rootViewId?: string;
  spaceId?: number;
}

export function spaceModalView(space: Space | undefined, t: Translate, metadata: SubModalMetadata): View {
  const kind = space?.kind ?? 'tiers_lieu';
  const blocks: KnownBlock[] = [
    input(SpaceFields.name, t('space.field.name'), {
      type: 'plain_text_input',
      max_length: SPACE_NAME_MAX,
      placeholder: { type: 'plain_text', text: t('space.field.namePlaceholder') },
      ...(space ? { initial_value: space.name } : {}),
    }),
    input(
      SpaceFields.town,
      t('space.field.town'),
      { type: 'plain_text_input', max_length: SPACE_TOWN_MAX, ...(space?.town ? { initial_value: space.town } : {}) },
      { optional: true },
    ),
    input(SpaceFields.kind, t('space.field.kind'), {
      type: 'static_select',
      options: SPACE_KINDS.map((k) => option(t(kindKey(k)), k)),
      initial_option: option(t(kindKey(kind)), kind),
    }),
    channelInput(SpaceFields.channel, t('space.field.channel'), space?.channelId, t('space.field.channelHint')),
  ];
  if (space) {
    const archivedOption = option(t('space.field.archived'), 'archived');
    blocks.push(
      input(
        SpaceFields.archived,
        t('network.spaces.archived'),
        { type: 'checkboxes', options: [archivedOption], ...(space.archived ? { initial_options: [archivedOption] } : {}) },
        { optional: true },
      ),
    );
  }
  return modal({
    title: t(space ? 'space.modal.editTitle' : 'space.modal.addTitle'),
    callbackId: NetworkViews.space,
    submit: t('common.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks,
  });
}

export function spaceErrors(errors: Partial<Record<'name' | 'town', SpaceFieldError>>, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  const message = (e: SpaceFieldError): string => {
    switch (e) {
      case 'nameRequired':
        return t('space.error.nameRequired');
      case 'nameTooLong':
        return t('space.error.nameTooLong', { max: SPACE_NAME_MAX });
      case 'nameTaken':
        return t('space.error.nameTaken');
      case 'townTooLong':
        return t('space.error.townTooLong', { max: SPACE_TOWN_MAX });
      case 'notFound':
        return t('space.error.notFound');
    }
  };
  if (errors.name) out[SpaceFields.name.block] = message(errors.name);
  if (errors.town) out[SpaceFields.town.block] = message(errors.town);
  return out;
}

/** An optional channel picker (public and private channels). */
function channelInput(field: FieldRef, label: string, initial: string | undefined, hint?: string): KnownBlock {
  return input(
    field,
    label,
    {
      type: 'conversations_select',
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(initial ? { initial_conversation: initial } : {}),
    },
    { optional: true, ...(hint ? { hint } : {}) },
  );
}

export function settingsModalView(settings: NetworkSettings, t: Translate, metadata: SubModalMetadata): View {
  return modal({
    title: t('settings.modal.title'),
    callbackId: NetworkViews.settings,
    submit: t('common.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      channelInput(SettingsFields.agenda, t('settings.field.agenda'), settings.agendaChannelId),
      channelInput(SettingsFields.help, t('settings.field.help'), settings.helpChannelId),
      channelInput(
        SettingsFields.coordination,
        t('settings.field.coordination'),
        settings.coordinationChannelId,
        t('settings.field.coordinationHint'),
      ),
      input(SettingsFields.target, t('settings.field.target'), {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: String(TARGET_MAX),
        initial_value: String(settings.yearlyEventTarget),
      }),
      input(
        SettingsFields.digestCron,
        t('settings.field.digestCron'),
        { type: 'plain_text_input', initial_value: settings.digestCron ?? DEFAULT_DIGEST_CRON, max_length: 60 },
        { hint: t('settings.field.digestCronHint') },
      ),
    ],
  });
}

/**
 * The funders' texts, each shown as printed (the default when not set); emptied, a text goes
 * back to its default.
 */
export function fundingModalView(shown: FundingText, t: Translate, metadata: SubModalMetadata): View {
  const text = (field: (typeof FundingFields)[keyof typeof FundingFields], label: string, value: string, max: number, hint: string) =>
    input(
      field,
      label,
      { type: 'plain_text_input', initial_value: value, max_length: max, ...(max > FUNDING_NAME_MAX ? { multiline: true } : {}) },
      { optional: true, hint },
    );
  return modal({
    title: t('funding.modal.title'),
    callbackId: NetworkViews.funding,
    submit: t('common.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      text(FundingFields.networkName, t('funding.field.networkName'), shown.networkName, FUNDING_NAME_MAX, t('funding.field.emptyHint')),
      text(
        FundingFields.programmeName,
        t('funding.field.programmeName'),
        shown.programmeName,
        FUNDING_NAME_MAX,
        t('funding.field.emptyHint'),
      ),
      text(
        FundingFields.mention,
        t('funding.field.mention'),
        shown.fundingMention,
        FUNDING_MENTION_MAX,
        `${t('funding.field.hint')} ${t('funding.field.emptyHint')}`,
      ),
    ],
  });
}

export function coordinatorsModalView(coordinators: string[], t: Translate, metadata: SubModalMetadata): View {
  return modal({
    title: t('coordinators.modal.title'),
    callbackId: NetworkViews.coordinators,
    submit: t('common.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      input(
        CoordinatorFields.users,
        t('coordinators.field.users'),
        { type: 'multi_users_select', ...(coordinators.length > 0 ? { initial_users: coordinators.slice(0, 100) } : {}) },
        { hint: t('coordinators.field.hint') },
      ),
    ],
  });
}

/** Why the coordinators' list was refused, under the user picker. */
export function coordinatorErrors(
  result: { error: 'empty' | 'bot' | 'configured'; users: string[] },
  t: Translate,
): Record<string, string> {
  const message =
    result.error === 'empty'
      ? t('coordinators.error.empty')
      : result.error === 'bot'
        ? t('coordinators.error.bot')
        : t('coordinators.error.configured', { users: result.users.join(', ') });
  return { [CoordinatorFields.users.block]: message };
}

/**
 * The element that picks host spaces in a form: a static menu while the network has at most
 * 100 spaces (Slack's limit), else a menu searched as the user types (its choices come from
 * `NetworkService.searchSpaces`), with the current choice kept.
 */
export function spacePicker(
  spaces: readonly { id: number; name: string }[],
  selected: readonly { id: number; name: string }[],
  multiple: boolean,
): MultiStaticSelect | StaticSelect | MultiExternalSelect | ExternalSelect {
  const chosen = selected.map((s) => option(s.name, String(s.id)));
  if (spaces.length > LIMITS.optionsPerSelect) {
    return multiple
      ? { type: 'multi_external_select', min_query_length: 0, ...(chosen.length ? { initial_options: chosen } : {}) }
      : { type: 'external_select', min_query_length: 0, ...(chosen[0] ? { initial_option: chosen[0] } : {}) };
  }
  const options = spaces.map((s) => option(s.name, String(s.id)));
  const initial = options.filter((o) => chosen.some((c) => c.value === o.value));
  return multiple
    ? { type: 'multi_static_select', options, ...(initial.length ? { initial_options: initial } : {}) }
    : { type: 'static_select', options, ...(initial[0] ? { initial_option: initial[0] } : {}) };
}
