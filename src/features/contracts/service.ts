// Contracts and their deadlines. Contract data never goes to a public channel nor to the logs
// (only ids are logged).
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import { isDuplicate, type Repositories, type Store } from '../../db/store.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import type { MessageContent, SlackGateway } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import { addDays, addMonths, type IsoDate } from '../../time/calendar-date.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import type { ContractErrors, ContractInput } from './form.ts';
import { forAnimator, MILESTONES, type Milestone, milestoneReach, milestonesFor, plan, SEND_HOUR } from './milestones.ts';
import { type ContractDetails, type ContractPeriod, contractDays, MONTH_DAYS, monthsOf } from './repo.ts';
import { DEFAULT_CAP_MONTHS, EXCEPTION_CAP_MONTHS } from './vocabulary.ts';

export type SaveContractResult = { ok: true; contract: ContractDetails } | { ok: false; errors: ContractErrors };

export interface UpcomingMilestone {
  contract: ContractDetails;
  milestone: Milestone;
}

/** What a milestone's reminder says, and to whom. */
export interface ReminderData {
  contract: ContractDetails;
  milestone: Milestone;
  milestoneId: number;
  months: number;
  today: IsoDate;
  locale: Locale;
  forCoordinators: boolean;
}

/** The reminders stored with a milestone, rendered by the views. */
export interface ContractMessages {
  reminder(data: ReminderData): MessageContent;
}

export interface ContractDeps {
  store: Store;
  outbox: Outbox;
  members: MemberService;
  network: NetworkService;
  slack: SlackGateway;
  messages: ContractMessages;
  clock: Clock;
  config: Config;
  logger: Logger;
}

/** Contracts ended this long ago still show (the D+28 step). */
const ACTIVE_AFTER_END_DAYS = 35;
/** The reminders job looks at contracts ended at most this long ago (the last milestone is D+182). */
export const REMINDERS_AFTER_END_DAYS = 190;
/** A milestone is sent at most this many days before its date (on the previous working day). */
const HOLIDAY_SHIFT_DAYS = 7;
const NO_END = '9999-12-31';

/** Overlapping or touching windows of days merged, in order. */
export function mergedWindows(windows: { from: IsoDate; to: IsoDate }[]): { from: IsoDate; to: IsoDate }[] {
  const sorted = [...windows].sort((a, b) => a.from.localeCompare(b.from));
  const merged: { from: IsoDate; to: IsoDate }[] = [];
  for (const w of sorted) {
    const previous = merged.at(-1);
    if (previous && w.from <= addDays(previous.to, 1)) {
      if (w.to > previous.to) previous.to = w.to;
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}

export class ContractService {
  readonly #deps: ContractDeps;
  readonly #logger: Logger;

  constructor(deps: ContractDeps) {
    this.#deps = deps;
    this.#logger = deps.logger.child('contracts');
  }

  get #repo() {
    return this.#deps.store.repos.contracts;
  }

  today(): IsoDate {
    return localDate(this.#deps.clock.now(), this.#deps.config.timeZone);
  }

  /** The host spaces' names, told by the network. */
  async #named(teamId: string, list: ContractDetails[]): Promise<ContractDetails[]> {
    const ids = [...new Set(list.map((c) => c.spaceId).filter((id): id is number => id !== undefined))];
    const names = await this.#deps.network.spaceNames(teamId, ids);
    return list.map((c) => ({ ...c, spaceName: c.spaceId !== undefined ? names.get(c.spaceId) : undefined }));
  }

  async get(teamId: string, id: number): Promise<ContractDetails | undefined> {
    const found = await this.#repo.find(teamId, id);
    return found ? (await this.#named(teamId, [found]))[0] : undefined;
  }

  async ofUser(teamId: string, userId: string): Promise<ContractDetails[]> {
    return this.#named(teamId, await this.#repo.ofUser(teamId, userId));
  }

  /** A member's own contracts, each with its milestone calendar. */
  async withMilestones(teamId: string, userId: string): Promise<{ contract: ContractDetails; milestones: Milestone[] }[]> {
    return (await this.ofUser(teamId, userId)).map((contract) => ({ contract, milestones: milestonesFor(contract) }));
  }

  /** Months worked in the renewal chain ending with this contract (this one included). */
  async #chainMonths(r: Repositories, contract: ContractPeriod & { previousId: number | undefined }, today: IsoDate): Promise<number> {
    return monthsOf([contract, ...(await r.contracts.chainFrom(contract.previousId))], today);
  }

  async monthsInChain(contract: ContractDetails): Promise<number> {
    return this.#chainMonths(this.#deps.store.repos, contract, this.today());
  }

  nextMilestone(contract: ContractDetails): Milestone | undefined {
    const done = new Set(contract.milestones.map((m) => m.key));
    return milestonesFor(contract).find((m) => !done.has(m.key) && m.sendDate >= this.today());
  }

  /** A member's own milestones still to come in the next `days` days (their App Home). */
  async upcoming(teamId: string, days: number, userId: string): Promise<UpcomingMilestone[]> {
    const today = this.today();
    const limit = addDays(today, days);
    const out: UpcomingMilestone[] = [];
    for (const contract of await this.ofUser(teamId, userId)) {
      if (contract.decision === 'renewed') continue;
      const recorded = new Set(contract.milestones.map((m) => m.key));
      for (const m of milestonesFor(contract)) {
        if (recorded.has(m.key) || m.sendDate < today || m.sendDate > limit || !forAnimator(m.key)) continue;
        out.push({ contract, milestone: m });
      }
    }
    return out.sort((a, b) => a.milestone.sendDate.localeCompare(b.milestone.sendDate));
  }

  /**
   * The network's milestones in the next `days` days (the digest, the coordinators' Home): the
   * first `shown`, soonest first, and how many there are. Only the contracts whose end date puts
   * a milestone in the window are read, and in full only those shown.
   */
  /** The network's reminders sent in the last 60 days that nobody marked done (coordinators' to-dos). */
  unacknowledged(teamId: string, limit: number) {
    return this.#repo.unacknowledged(teamId, addDays(this.today(), -60), limit);
  }

  async upcomingInNetwork(teamId: string, days: number, shown: number): Promise<{ items: UpcomingMilestone[]; total: number }> {
    const today = this.today();
    const last = addDays(today, days);
    // Contracts ended before `today` minus the latest milestone's offset have none to come.
    const leads = await this.#repo.leadTimeRange(teamId, addDays(today, -REMINDERS_AFTER_END_DAYS));
    if (!leads) return { items: [], total: 0 };
    // A milestone dated `date` (end date + offset) is sent on `date` or a working day at most
    // HOLIDAY_SHIFT_DAYS before: it falls in [today, last] only if the end date is in this window.
    const windows = MILESTONES.map((m) => {
      const offsets = [m.offset({ leadTimeDays: leads.min }), m.offset({ leadTimeDays: leads.max })];
      return { from: addDays(today, -Math.max(...offsets)), to: addDays(last, HOLIDAY_SHIFT_DAYS - Math.min(...offsets)) };
    });
    const candidates = await this.#repo.milestoneCandidates(teamId, mergedWindows(windows), { renewed: false });
    const due = candidates
      .flatMap((c) =>
        milestonesFor(c)
          .filter((m) => !c.recorded.has(m.key) && m.sendDate >= today && m.sendDate <= last)
          .map((milestone) => ({ contractId: c.id, milestone })),
      )
      .sort((a, b) => a.milestone.sendDate.localeCompare(b.milestone.sendDate) || a.contractId - b.contractId);
    const first = due.slice(0, shown);
    const contracts = new Map(
      (await this.#named(teamId, await this.#repo.byIds(teamId, [...new Set(first.map((d) => d.contractId))]))).map((c) => [c.id, c]),
    );
    const items = first.flatMap((d) => {
      const contract = contracts.get(d.contractId);
      return contract ? [{ contract, milestone: d.milestone }] : [];
    });
    return { items, total: due.length };
  }

  /** Checks and stores a contract (new, edited, or the renewal of `previousId`). */
  async save(
    teamId: string,
    by: string,
    input: ContractInput,
    options: { contractId?: number; previousId?: number } = {},
  ): Promise<SaveContractResult> {
    const { network, store, clock } = this.#deps;
    if (input.spaceId !== undefined && !(await network.getSpace(teamId, input.spaceId))) {
      return { ok: false, errors: { space: { key: 'contract.error.unknownSpace' } } };
    }
    const others = await this.#repo.ofUser(teamId, input.userId, options.contractId);
    const end = input.endDate ?? NO_END;
    const clash = others.find((o) => o.startDate <= end && (o.endDate ?? NO_END) >= input.startDate);
    if (clash) return { ok: false, errors: { start: { overlap: { start: clash.startDate, end: clash.endDate } } } };
    const capMonths = input.capException ? EXCEPTION_CAP_MONTHS : DEFAULT_CAP_MONTHS;
    const previousId = options.previousId ?? (options.contractId ? (await this.get(teamId, options.contractId))?.previousId : undefined);
    const months = await this.#chainMonths(store.repos, { startDate: input.startDate, endDate: input.endDate, previousId }, this.today());
    if (previousId !== undefined && months > capMonths && !input.confirmed) {
      return { ok: false, errors: { end: { capExceeded: { months, cap: capMonths } } } };
    }
    const { confirmed: _, ...fields } = input;
    const data = { ...fields, capMonths };
    const id = await store.transaction(async (r) => {
      if (options.contractId) {
        await r.contracts.update(options.contractId, data);
        return options.contractId;
      }
      const created = await r.contracts.create(teamId, data, by, previousId);
      if (previousId !== undefined) await r.contracts.decide(previousId, 'renewed', by, clock.now());
      return created;
    });
    this.#logger.info(options.contractId ? 'contract updated' : 'contract recorded', { id, by });
    const contract = await this.get(teamId, id);
    if (!contract) throw new Error('contract vanished after saving');
    return { ok: true, contract };
  }

  /**
   * A page of the active contracts by end date (`size` from `offset`), each with the months of
   * its renewal chain and its next step, and how many there are.
   */
  async listPage(
    teamId: string,
    offset: number,
    size: number,
  ): Promise<{ entries: { contract: ContractDetails; months: number; next: Milestone | undefined }[]; total: number }> {
    const today = this.today();
    const page = await this.#repo.activePage(teamId, addDays(today, -ACTIVE_AFTER_END_DAYS), offset, size);
    const [named, chains] = await Promise.all([this.#named(teamId, page.items), this.#repo.chainsOf(page.items.map((c) => c.id))]);
    return {
      entries: named.map((contract) => ({
        contract,
        months: monthsOf(chains.get(contract.id) ?? [contract], today),
        next: this.nextMilestone(contract),
      })),
      total: page.total,
    };
  }

  /** Records who acknowledged a milestone, and returns what its reminder must now show. */
  async acknowledge(
    teamId: string,
    milestoneId: number,
    by: string,
  ): Promise<{ contract: ContractDetails; milestone: Milestone | undefined; months: number } | undefined> {
    const recorded = await this.#repo.milestone(teamId, milestoneId);
    if (!recorded) return undefined;
    await this.#repo.acknowledge(milestoneId, by, this.#deps.clock.now());
    const contract = await this.get(teamId, recorded.contractId);
    if (!contract) return undefined;
    const milestone = milestonesFor(contract).find((m) => m.key === recorded.key);
    return { contract, milestone, months: await this.monthsInChain(contract) };
  }

  async notRenewed(teamId: string, contractId: number, by: string): Promise<ContractDetails | undefined> {
    const contract = await this.get(teamId, contractId);
    if (!contract) return undefined;
    await this.#repo.decide(contractId, 'not_renewed', by, this.#deps.clock.now());
    this.#logger.info('contract not renewed', { id: contractId, by });
    return this.get(teamId, contractId);
  }

  /** The renewal pre-filled from a contract: the day after it ends, for a year. */
  renewalDraft(contract: ContractDetails): ContractInput {
    const start = contract.endDate ? addDays(contract.endDate, 1) : this.today();
    return {
      userId: contract.userId,
      spaceId: contract.spaceId,
      type: contract.type,
      startDate: start,
      // The same day a year later (29 February rolls over to 1 March), minus one day.
      endDate: addDays(addMonths(start, 12), -1),
      weeklyHours: contract.weeklyHours,
      prescriber: contract.prescriber,
      leadTimeDays: contract.leadTimeDays,
      capException: contract.capException,
      notes: '',
      confirmed: false,
    };
  }

  /**
   * The `contract-reminders` plan, daily: each milestone is sent once, at 09:00 on its working
   * day; after downtime only the latest missed one is sent, earlier ones are recorded as skipped.
   * One step per contract, in its own transaction.
   */
  async reminderPlan(slot: Date): Promise<JobPlan> {
    const { timeZone } = this.#deps.config;
    const today = localDate(slot, timeZone);
    // Before 09:00, today's milestones wait for their hour.
    const effective = slot.getTime() >= zonedInstant(today, SEND_HOUR, 0, timeZone).getTime() ? today : addDays(today, -1);
    // Only the contracts one of whose milestones can be due: ended lately, or ending within the
    // reach of their workspace's longest lead time (a few days more: a step falling on a holiday
    // goes out before). Their calendars are worked out from a few columns; only the contracts
    // with something to send or record today are read in full.
    const from = addDays(effective, -REMINDERS_AFTER_END_DAYS);
    const due: { contract: ContractDetails; send: Milestone | undefined; skip: Milestone[] }[] = [];
    for (const teamId of await this.#deps.network.workspaces()) {
      const leads = await this.#repo.leadTimeRange(teamId, from);
      if (!leads) continue;
      const reach = milestoneReach(leads.max);
      const candidates = await this.#repo.milestoneCandidates(teamId, [{ from, to: addDays(effective, reach + HOLIDAY_SHIFT_DAYS) }], {
        renewed: true,
      });
      const planned = candidates
        .map((c) => ({ id: c.id, ...plan(milestonesFor(c), effective, c.recorded, c.decision) }))
        .filter((p) => p.send || p.skip.length > 0);
      const contracts = new Map(
        (
          await this.#repo.byIds(
            teamId,
            planned.map((p) => p.id),
          )
        ).map((c) => [c.id, c]),
      );
      for (const p of planned) {
        const contract = contracts.get(p.id);
        if (contract) due.push({ contract, send: p.send, skip: p.skip });
      }
    }
    // What the command line prints speaks the network's language.
    const locale = this.#deps.config.defaultLocale;
    const say = translator(locale);
    const day = (date: IsoDate) => formatCalendarDate(date, locale);
    const steps: PlanStep[] = [];
    for (const { contract, send, skip } of due) {
      const counts = { sent: send ? 1 : 0, skipped: skip.length };
      steps.push({
        description: [
          ...(send ? [say('job.contracts.wouldSend', { id: contract.id, key: send.key, date: day(send.sendDate) })] : []),
          ...skip.map((m) => say('job.contracts.wouldSkip', { id: contract.id, key: m.key, date: day(m.sendDate) })),
        ].join('\n'),
        planned: counts,
        run: async (): Promise<Counts> => {
          try {
            const ids = await this.#deps.store.transaction(async (r) => {
              for (const m of skip) await r.contracts.recordMilestone(contract.id, m.key, m.sendDate, undefined);
              if (!send) return [];
              const milestoneId = await r.contracts.recordMilestone(contract.id, send.key, send.sendDate, slot);
              return this.#enqueueReminder(r, contract, send, milestoneId, effective);
            });
            await this.#deps.outbox.deliver(ids);
            return counts;
          } catch (error) {
            // Another run (or replica) recorded it first: nothing is sent twice.
            if (!isDuplicate(error)) throw error;
            return {};
          }
        },
      });
    }
    return {
      steps,
      summary: (c, mode) =>
        say(mode === 'dry-run' ? 'job.contracts.planned' : 'job.contracts.done', { sent: c.sent ?? 0, skipped: c.skipped ?? 0 }),
    };
  }

  async #enqueueReminder(
    r: Repositories,
    contract: ContractDetails,
    milestone: Milestone,
    milestoneId: number,
    today: IsoDate,
  ): Promise<number[]> {
    const { members, network, slack, outbox, messages, config } = this.#deps;
    const months = await this.#chainMonths(r, contract, today);
    const ids: number[] = [];
    const coordination = (await network.settings(contract.teamId)).coordinationChannelId;
    // Contract details go to a channel only when Slack confirms it is private.
    const channels =
      coordination && (await slack.isPrivateChannel(coordination)) ? [coordination] : await members.coordinators(contract.teamId);
    const reminder = async (channel: string, forCoordinators: boolean, locale: Locale) =>
      outbox.enqueue(r, {
        teamId: contract.teamId,
        kind: 'post',
        channel,
        content: messages.reminder({ contract, milestone, milestoneId, months, today, locale, forCoordinators }),
      });
    for (const channel of channels) {
      // A direct message speaks its reader's language; the channel, the network's.
      const locale = channel.startsWith('U') ? await members.quickLocale(contract.teamId, channel) : config.defaultLocale;
      ids.push(await reminder(channel, true, locale));
    }
    if (forAnimator(milestone.key)) {
      ids.push(await reminder(contract.userId, false, await members.quickLocale(contract.teamId, contract.userId)));
    }
    return ids;
  }
}

export { contractDays, MONTH_DAYS };
