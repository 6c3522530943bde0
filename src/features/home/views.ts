// The App Home tab: pure (data, locale) → Block Kit.

import type { KnownBlock, View } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';
import type { LabelKey, Translate } from '../../i18n/index.ts';
import { actions, button, context, divider, header, section } from '../../slack/blocks.ts';
import { channelMention, escapeMrkdwn, userMention } from '../../slack/escape.ts';
import { endOfMonth, type IsoDate } from '../../time/calendar-date.ts';
import { type MilestoneKey, milestoneTitle } from '../contracts/milestones.ts';
import type { UpcomingMilestone } from '../contracts/service.ts';
import { EventActions } from '../events/ids.ts';
import type { EventDetails } from '../events/repo.ts';
import { eventMenu, eventWhen } from '../events/views.ts';
import { HelpActions } from '../help/ids.ts';
import type { HelpDetails } from '../help/repo.ts';
import type { Role } from '../members/service.ts';
import { NetworkActions } from '../network/ids.ts';
import type { Figures } from '../reports/compute.ts';
import { ReportActions } from '../reports/ids.ts';
import { SkillActions } from '../skills/ids.ts';
import { type TimeSheetHome, timesheetHomeBlocks } from '../timesheets/views.ts';
import { type ChannelHealth, type HealthProblem, type HealthReport, healthProblems } from './health.ts';

export interface HomeData {
  /** How the Home greets its reader: their first name. */
  displayName: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  events: { next: EventDetails[]; awaitingAttendance: EventDetails[]; feedUrl: string | undefined };
  help: { mine: HelpDetails[]; taken: HelpDetails[]; matching: HelpDetails[] };
  /** The member's own contract milestones to come, and for coordinators the network's next 90 days. */
  contracts: { mine: UpcomingMilestone[]; network: { items: UpcomingMilestone[]; total: number } | undefined };
  /** The network's figures this month. */
  month: { from: IsoDate; figures: Figures };
  /** Coordinators: open requests without an answer. */
  unanswered: HelpDetails[] | undefined;
  /** Coordinators: the app's state (the Home shows one line when something is wrong). */
  health: HealthReport | undefined;
  /** Coordinators: reminders sent and not marked done, past events without their attendance. */
  todo?: {
    reminders: { items: { milestoneId: number; key: MilestoneKey; offset: number; dueDate: IsoDate; userId: string }[]; total: number };
    attendance: { items: EventDetails[]; total: number };
  };
  /** The member's time sheets to sign; for coordinators, last month's table. */
  timesheets?: TimeSheetHome;
}

const HOME_EVENTS_SHOWN = 8;

function eventBlocks(data: HomeData, t: Translate): KnownBlock[] {
  const d = { t, locale: data.locale, timeZone: data.timeZone };
  const line = (e: EventDetails) =>
    `*${escapeMrkdwn(e.title)}*\n${eventWhen(e, d)} · ${e.spaces.map((s) => escapeMrkdwn(s.name)).join(', ')}`;
  const blocks: KnownBlock[] = [header(t('home.events.next'))];
  if (data.events.next.length === 0) blocks.push(section(t('home.events.none')));
  for (const e of data.events.next.slice(0, HOME_EVENTS_SHOWN)) blocks.push(section(line(e), eventMenu(e.id, t)));
  if (data.events.next.length > HOME_EVENTS_SHOWN)
    blocks.push(context(t('common.andMore', { count: data.events.next.length - HOME_EVENTS_SHOWN })));
  if (data.events.awaitingAttendance.length > 0) {
    blocks.push(header(t('home.events.awaiting')));
    for (const e of data.events.awaitingAttendance.slice(0, HOME_EVENTS_SHOWN)) {
      blocks.push(section(line(e), button(t('attendance.button'), EventActions.reportAttendance, String(e.id), 'primary')));
    }
    if (data.events.awaitingAttendance.length > HOME_EVENTS_SHOWN) {
      blocks.push(context(t('common.andMore', { count: data.events.awaitingAttendance.length - HOME_EVENTS_SHOWN })));
    }
  }
  blocks.push(actions('home_event_actions', [button(t('home.events.declare'), EventActions.declare, undefined, 'primary')]));
  if (data.events.feedUrl) blocks.push(context(t('agenda.feed', { url: data.events.feedUrl })));
  return blocks;
}

function channelLine(c: ChannelHealth, t: Translate): string {
  const label =
    c.label.kind === 'space' ? t('home.health.spaceChannel', { name: escapeMrkdwn(c.label.name) }) : t(`network.channels.${c.label.kind}`);
  const channel = c.channelId ? channelMention(c.channelId) : '';
  switch (c.status) {
    case 'unset':
      return t('home.health.channelMissing', { label });
    case 'ok':
      return t('home.health.channelOk', { label, channel });
    case 'not_found':
      return t('home.health.channelNotFound', { label, channel });
    case 'not_member':
      return t('home.health.channelNotMember', { label, channel });
    case 'unknown':
      return t('home.health.channelUnknown', { label, channel });
  }
}

const JOB_LABELS: Readonly<Record<string, LabelKey>> = {
  outbox: 'job.label.outbox',
  housekeeping: 'job.label.housekeeping',
  'event-followups': 'job.label.event-followups',
  'help-nudges': 'job.label.help-nudges',
  'contract-reminders': 'job.label.contract-reminders',
  'weekly-digest': 'job.label.weekly-digest',
  'monthly-report': 'job.label.monthly-report',
  timesheets: 'job.label.timesheets',
};

/** A scheduled job in words (« Bilan hebdomadaire »), its technical name for an unknown one. */
export function jobLabel(name: string, t: Translate): string {
  const key = JOB_LABELS[name];
  return key ? t(key) : name;
}

export function healthBlocks(report: HealthReport, t: Translate, locale: Locale, timeZone: string): KnownBlock[] {
  const jobLines = report.jobs.map((j) =>
    j.last
      ? t('home.health.jobLast', {
          job: jobLabel(j.name, t),
          when: formatDateTime(j.last.slot, locale, timeZone),
          status: t(`home.health.jobStatus.${j.last.status}`),
        })
      : t('home.health.jobNever', { job: jobLabel(j.name, t) }),
  );
  const outboxLines: string[] = [];
  if (report.outbox.pending === 0 && report.outbox.failed === 0) outboxLines.push(t('home.health.outboxEmpty'));
  if (report.outbox.pending > 0) outboxLines.push(t('home.health.outboxPending', { count: report.outbox.pending }));
  if (report.outbox.failed > 0) {
    outboxLines.push(t('home.health.outboxFailed', { count: report.outbox.failed }));
    for (const f of report.outbox.recentFailures) {
      outboxLines.push(
        t('home.health.outboxFailedLine', {
          channel: channelMention(f.channel),
          error: f.error,
          when: formatDateTime(f.at, locale, timeZone),
        }),
      );
    }
  }
  const outage = report.slackOutage;
  return [
    header(t('home.health.header')),
    // Slack out of reach at start-up: said once it answers again (nothing reaches Slack meanwhile but /healthz).
    ...(outage
      ? [
          section(
            outage.to
              ? t('home.health.slackWas', {
                  from: formatDateTime(outage.from, locale, timeZone),
                  to: formatDateTime(outage.to, locale, timeZone),
                })
              : t('home.health.slackIs', { from: formatDateTime(outage.from, locale, timeZone) }),
          ),
        ]
      : []),
    section(`*${t('home.health.channels')}*\n${report.channels.map((c) => channelLine(c, t)).join('\n')}`),
    section(`*${t('home.health.jobs')}*\n${jobLines.join('\n')}`),
    section(`*${t('home.health.outbox')}*\n${outboxLines.join('\n')}`),
  ];
}

function helpBlocks(data: HomeData, t: Translate): KnownBlock[] {
  const line = (r: HelpDetails) =>
    t('home.help.line', {
      question: escapeMrkdwn(r.question),
      status: t(`help.status.${r.status}`),
      when: formatDateTime(r.createdAt, data.locale, data.timeZone),
    });
  const list = (title: string, requests: HelpDetails[], withTake: boolean): KnownBlock[] =>
    requests.length === 0
      ? []
      : [
          header(title),
          ...requests
            .slice(0, HOME_EVENTS_SHOWN)
            .map((r) => section(line(r), withTake ? button(t('help.post.take'), HelpActions.take, String(r.id), 'primary') : undefined)),
          ...(requests.length > HOME_EVENTS_SHOWN ? [context(t('common.andMore', { count: requests.length - HOME_EVENTS_SHOWN }))] : []),
        ];
  const blocks: KnownBlock[] = [
    ...list(t('home.help.mine'), data.help.mine, false),
    ...list(t('home.help.taken'), data.help.taken, false),
    ...list(t('home.help.matching'), data.help.matching, true),
  ];
  if (blocks.length === 0) blocks.push(header(t('home.help.mine')), section(t('home.help.none')));
  blocks.push(
    actions('home_help_actions', [
      button(t('home.help.ask'), HelpActions.ask, undefined, 'primary'),
      button(t('home.help.skills'), SkillActions.open),
    ]),
  );
  return blocks;
}

function contractBlocks(data: HomeData, t: Translate): KnownBlock[] {
  // An animator's own steps, in their words: what they do or can expect, without their own
  // mention and without the coordinators' to-dos.
  const mineLine = (u: UpcomingMilestone) =>
    t('home.contracts.mineLine', {
      when: formatCalendarDate(u.milestone.sendDate, data.locale),
      label: t(`contract.msMine.${u.milestone.key}`),
    });
  const blocks: KnownBlock[] = [];
  if (data.contracts.mine.length > 0) {
    blocks.push(header(t('home.contracts.mine')), section(data.contracts.mine.slice(0, 10).map(mineLine).join('\n')));
  }
  return blocks.length > 0 ? [divider(), ...blocks] : [];
}

/** The network's next contract deadlines, at most five, the rest in /contrat. */
function networkDeadlineBlocks(data: HomeData, t: Translate): KnownBlock[] {
  const network = data.contracts.network;
  if (!network) return [];
  const line = (u: UpcomingMilestone) =>
    t('home.contracts.line', {
      when: formatCalendarDate(u.milestone.sendDate, data.locale),
      label: milestoneTitle(u.milestone, t),
      user: userMention(u.contract.userId),
    });
  const shown = network.items.slice(0, HOME_LIST_SHOWN);
  const blocks: KnownBlock[] = [header(t('home.contracts.upcoming'))];
  if (network.total === 0) blocks.push(section(t('home.contracts.none')));
  else if (shown.length > 0) blocks.push(section(shown.map(line).join('\n')));
  if (network.total > shown.length) blocks.push(context(t('home.todo.more', { count: network.total - shown.length, where: '`/contrat`' })));
  return [...blocks, divider()];
}

function figureBlocks(data: HomeData, t: Translate): KnownBlock[] {
  const monthName = new Intl.DateTimeFormat(data.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${data.month.from}T12:00:00Z`));
  const f = data.month.figures;
  return [
    header(t('home.figures.title', { month: monthName })),
    section(t('home.figures.line', { events: f.events, attendance: f.attendance.total, help: f.helpOpened })),
  ];
}

/** How many items each of the coordinator's to-do lists shows on the Home (then « … and N more »). */
export const HOME_LIST_SHOWN = 5;

/** The coordinator's buttons, first; then one line when something is wrong (details in /reseau). */
function coordinatorHead(data: HomeData, t: Translate): KnownBlock[] {
  const blocks: KnownBlock[] = [
    actions('home_coordinator_actions', [
      button(t('home.configure'), NetworkActions.open),
      button(t('home.exportMonth'), ReportActions.export, `${data.month.from}|${endOfMonth(data.month.from)}`),
      button(t('home.events.declare'), EventActions.declare),
    ]),
  ];
  const problems = data.health ? healthProblems(data.health) : [];
  if (problems.length > 0) {
    blocks.push(
      section(
        t('home.health.problems', { problems: problems.map((p) => problemText(p, t)).join(' · ') }),
        button(t('home.health.see'), NetworkActions.open),
      ),
    );
  }
  return blocks;
}

function problemText(p: HealthProblem, t: Translate): string {
  if (p.kind === 'failedPosts') return t('home.health.problemPosts', { count: p.count });
  if (p.kind === 'failedJob') return t('home.health.problemJob', { job: jobLabel(p.name, t) });
  const label =
    p.label.kind === 'space' ? t('home.health.spaceChannel', { name: escapeMrkdwn(p.label.name) }) : t(`network.channels.${p.label.kind}`);
  return t(`home.health.problemChannel.${p.status}`, { label });
}

/** What needs a coordinator today: unanswered requests, reminders not marked done, attendance to chase. */
function todoBlocks(data: HomeData, t: Translate): KnownBlock[] {
  const more = (total: number, shown: number, where: string): KnownBlock[] =>
    total > shown ? [context(t('home.todo.more', { count: total - shown, where }))] : [];
  const blocks: KnownBlock[] = [];
  const unanswered = data.unanswered ?? [];
  if (unanswered.length > 0) {
    blocks.push(
      section(
        `*${t('home.unanswered')}*\n${unanswered
          .slice(0, HOME_LIST_SHOWN)
          .map(
            (r) =>
              `• ${escapeMrkdwn(r.question)} — ${userMention(r.requesterId)} · ${formatDateTime(r.createdAt, data.locale, data.timeZone)}`,
          )
          .join('\n')}`,
      ),
      ...more(unanswered.length, HOME_LIST_SHOWN, '`/entraide`'),
    );
  }
  const reminders = data.todo?.reminders;
  if (reminders && reminders.total > 0) {
    blocks.push(
      section(
        `*${t('home.todo.reminders')}*\n${reminders.items
          .map((r) =>
            t('home.contracts.line', {
              when: formatCalendarDate(r.dueDate, data.locale),
              label: milestoneTitle(r, t),
              user: userMention(r.userId),
            }),
          )
          .join('\n')}`,
      ),
      ...more(reminders.total, reminders.items.length, '`/contrat`'),
    );
  }
  const attendance = data.todo?.attendance;
  if (attendance && attendance.total > 0) {
    const d = { t, locale: data.locale, timeZone: data.timeZone };
    blocks.push(
      section(
        `*${t('home.todo.attendance')}*\n${attendance.items
          .map((e) => `• ${escapeMrkdwn(e.title)} — ${eventWhen(e, d)} · ${e.organizers.map(userMention).join(', ')}`)
          .join('\n')}`,
      ),
      ...more(attendance.total, attendance.items.length, '`/bilan`'),
    );
  }
  return blocks.length > 0 ? [header(t('home.todo.header')), ...blocks, divider()] : [];
}

/** Time sheets to sign or approve come first: they are what needs doing. */
function sheetBlocks(data: HomeData, t: Translate): KnownBlock[] {
  if (!data.timesheets) return [];
  const blocks = timesheetHomeBlocks(data.timesheets, { t, locale: data.locale, timeZone: data.timeZone });
  return blocks.length > 0 ? [...blocks, divider()] : [];
}

/**
 * The Home leads with what needs doing: for coordinators their buttons, a line when something
 * is wrong, today's to-dos, the time sheets to approve and the next deadlines; then, for
 * everyone, the time sheets to sign, the month's figures, their events, requests and contract steps.
 */
export function homeView(data: HomeData, t: Translate): View {
  const coordinator = data.role === 'coordinateur';
  const blocks: KnownBlock[] = [
    // A header is plain text: the name as it is (no mrkdwn escaping to show).
    header(t('home.title', { name: data.displayName })),
    section(t('home.role', { role: t(`role.${data.role}`) })),
    ...(coordinator ? [...coordinatorHead(data, t), ...todoBlocks(data, t)] : [context(t('home.intro'))]),
    ...sheetBlocks(data, t),
    ...(coordinator ? networkDeadlineBlocks(data, t) : []),
    ...figureBlocks(data, t),
    divider(),
    ...eventBlocks(data, t),
    divider(),
    ...helpBlocks(data, t),
    ...contractBlocks(data, t),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
