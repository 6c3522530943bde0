// Contracts and their deadlines. Contract data never goes to a public channel nor to the logs
// (only ids are logged).
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import type { SlackGateway } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import { addDays } from '../../time/calendar-date.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import type { MemberService } from '../members/service.ts';
import type { ContractErrors, ContractInput } from './form.ts';
import { forAnimator, type Milestone, milestonesFor, plan, SEND_HOUR } from './milestones.ts';
import { type ContractDetails, chainMonths, findContracts } from './repo.ts';
import { formatMonths, reminderMessage } from './views.ts';
import { DEFAULT_CAP_MONTHS, EXCEPTION_CAP_MONTHS } from './vocabulary.ts';

export type SaveContractResult = { ok: true; contract: ContractDetails } | { ok: false; errors: ContractErrors };

export interface UpcomingMilestone {
  contract: ContractDetails;
  milestone: Milestone;
}

export class ContractService {
  readonly #db: Db;
  readonly #outbox: Outbox;
  readonly #members: MemberService;
  readonly #slack: SlackGateway;
  readonly #clock: Clock;
  readonly #config: Config;
  readonly #logger: Logger;
  readonly #coordinationChannel: (teamId: string) => Promise<string | undefined>;

  constructor(deps: {
    db: Db;
    outbox: Outbox;
    members: MemberService;
    slack: SlackGateway;
    clock: Clock;
    config: Config;
    logger: Logger;
    coordinationChannel: (teamId: string) => Promise<string | undefined>;
  }) {
    this.#db = deps.db;
    this.#outbox = deps.outbox;
    this.#members = deps.members;
    this.#slack = deps.slack;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#logger = deps.logger.child('contracts');
    this.#coordinationChannel = deps.coordinationChannel;
  }

  today(): string {
    return localDate(this.#clock.now(), this.#config.timeZone);
  }

  async get(teamId: string, id: number): Promise<ContractDetails | undefined> {
    return (await findContracts(this.#db, { teamId, id }))[0];
  }

  /** Contracts still running, or ended less than 28 days ago (the D+28 step), by end date. */
  async active(teamId: string): Promise<ContractDetails[]> {
    const since = addDays(this.today(), -35);
    const list = await findContracts(this.#db, { teamId, OR: [{ endDate: null }, { endDate: { gte: since } }] });
    return list.sort((a, b) => (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') || a.id - b.id);
  }

  async ofUser(teamId: string, userId: string): Promise<ContractDetails[]> {
    return findContracts(this.#db, { teamId, userId });
  }

  /** A member's own contracts, each with its milestone calendar. */
  async withMilestones(teamId: string, userId: string): Promise<{ contract: ContractDetails; milestones: Milestone[] }[]> {
    return (await this.ofUser(teamId, userId)).map((contract) => ({ contract, milestones: milestonesFor(contract) }));
  }

  async monthsInChain(contract: ContractDetails): Promise<number> {
    return chainMonths(this.#db, contract, this.today());
  }

  nextMilestone(contract: ContractDetails): Milestone | undefined {
    const done = new Set(contract.milestones.map((m) => m.key));
    return milestonesFor(contract).find((m) => !done.has(m.key) && m.sendDate >= this.today());
  }

  /** The milestones still to come in the next `days` days, for the App Home. */
  async upcoming(teamId: string, days: number, userId?: string): Promise<UpcomingMilestone[]> {
    const today = this.today();
    const limit = addDays(today, days);
    const contracts = userId ? await this.ofUser(teamId, userId) : await this.active(teamId);
    const out: UpcomingMilestone[] = [];
    for (const contract of contracts) {
      if (contract.decision === 'renewed') continue;
      const recorded = new Set(contract.milestones.map((m) => m.key));
      for (const m of milestonesFor(contract)) {
        if (recorded.has(m.key) || m.sendDate < today || m.sendDate > limit) continue;
        if (userId && !forAnimator(m.key)) continue;
        out.push({ contract, milestone: m });
      }
    }
    return out.sort((a, b) => a.milestone.sendDate.localeCompare(b.milestone.sendDate));
  }

  /** Checks and stores a contract (new, edited, or the renewal of `previousId`). */
  async save(
    teamId: string,
    by: string,
    input: ContractInput,
    options: { contractId?: number; previousId?: number } = {},
  ): Promise<SaveContractResult> {
    if (input.spaceId !== undefined && !(await this.#db.space.findFirst({ where: { teamId, id: input.spaceId } }))) {
      return { ok: false, errors: { space: (t) => t('contract.error.unknownSpace') } };
    }
    const others = await findContracts(this.#db, {
      teamId,
      userId: input.userId,
      ...(options.contractId ? { NOT: { id: options.contractId } } : {}),
    });
    const end = input.endDate ?? '9999-12-31';
    const clash = others.find((o) => o.startDate <= end && (o.endDate ?? '9999-12-31') >= input.startDate);
    if (clash) {
      const d = (date: string | undefined, t: Translate, locale: Locale) => (date ? formatCalendarDate(date, locale) : t('contract.noEnd'));
      return {
        ok: false,
        errors: {
          start: (t, locale) => t('contract.error.overlap', { start: d(clash.startDate, t, locale), end: d(clash.endDate, t, locale) }),
        },
      };
    }
    const capMonths = input.capException ? EXCEPTION_CAP_MONTHS : DEFAULT_CAP_MONTHS;
    const previousId = options.previousId ?? (options.contractId ? (await this.get(teamId, options.contractId))?.previousId : undefined);
    const months = await chainMonths(this.#db, { startDate: input.startDate, endDate: input.endDate, previousId }, this.today());
    if (previousId !== undefined && months > capMonths && !input.confirmed) {
      return {
        ok: false,
        errors: { end: (t, locale) => t('contract.error.capExceeded', { months: formatMonths(months, locale), cap: capMonths }) },
      };
    }
    const data = {
      userId: input.userId,
      spaceId: input.spaceId ?? null,
      type: input.type,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      weeklyHours: input.weeklyHours ?? null,
      prescriber: input.prescriber,
      leadTimeDays: input.leadTimeDays,
      capMonths,
      capException: input.capException,
      notes: input.notes,
    };
    const id = await this.#db.$transaction(async (tx) => {
      if (options.contractId) {
        await tx.contract.update({ where: { id: options.contractId }, data });
        return options.contractId;
      }
      const row = await tx.contract.create({
        data: { teamId, ...data, createdBy: by, ...(previousId !== undefined ? { previousId } : {}) },
      });
      if (previousId !== undefined) {
        await tx.contract.update({ where: { id: previousId }, data: { decision: 'renewed', decidedBy: by, decidedAt: this.#clock.now() } });
      }
      return row.id;
    });
    this.#logger.info(options.contractId ? 'contract updated' : 'contract recorded', { id, by });
    const contract = await this.get(teamId, id);
    if (!contract) throw new Error('contract vanished after saving');
    return { ok: true, contract };
  }

  /** Active contracts by end date, with the months of their renewal chain and their next step. */
  async listEntries(teamId: string): Promise<{ contract: ContractDetails; months: number; next: Milestone | undefined }[]> {
    const active = await this.active(teamId);
    return Promise.all(
      active.map(async (contract) => ({ contract, months: await this.monthsInChain(contract), next: this.nextMilestone(contract) })),
    );
  }

  /** Records who acknowledged a milestone, and returns what its reminder must now show. */
  async acknowledge(
    teamId: string,
    milestoneId: number,
    by: string,
  ): Promise<{ contract: ContractDetails; milestone: Milestone | undefined; months: number } | undefined> {
    const row = await this.#db.contractMilestone.findFirst({ where: { id: milestoneId, contract: { teamId } } });
    if (!row) return undefined;
    await this.#db.contractMilestone.update({
      where: { id: milestoneId },
      data: { acknowledgedBy: by, acknowledgedAt: this.#clock.now() },
    });
    const contract = await this.get(teamId, row.contractId);
    if (!contract) return undefined;
    const milestone = milestonesFor(contract).find((m) => m.key === row.key);
    return { contract, milestone, months: await this.monthsInChain(contract) };
  }

  async notRenewed(teamId: string, contractId: number, by: string): Promise<ContractDetails | undefined> {
    const contract = await this.get(teamId, contractId);
    if (!contract) return undefined;
    await this.#db.contract.update({
      where: { id: contractId },
      data: { decision: 'not_renewed', decidedBy: by, decidedAt: this.#clock.now() },
    });
    this.#logger.info('contract not renewed', { id: contractId, by });
    return this.get(teamId, contractId);
  }

  /** The renewal pre-filled from a contract: the day after it ends, for a year. */
  renewalDraft(contract: ContractDetails): ContractInput {
    const start = contract.endDate ? addDays(contract.endDate, 1) : this.today();
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    // The same day a year later (29 February rolls over to 1 March), minus one day.
    const end = addDays(new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10), -1);
    return {
      userId: contract.userId,
      spaceId: contract.spaceId,
      type: contract.type,
      startDate: start,
      endDate: end,
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
    const today = localDate(slot, this.#config.timeZone);
    // Before 09:00, today's milestones wait for their hour.
    const effective = slot.getTime() >= zonedInstant(today, SEND_HOUR, 0, this.#config.timeZone).getTime() ? today : addDays(today, -1);
    const contracts = await findContracts(this.#db, { endDate: { not: null, gte: addDays(effective, -60) } });
    const steps: PlanStep[] = [];
    for (const contract of contracts) {
      const { send, skip } = plan(milestonesFor(contract), effective, new Set(contract.milestones.map((m) => m.key)), contract.decision);
      if (!send && skip.length === 0) continue;
      const counts = { sent: send ? 1 : 0, skipped: skip.length };
      steps.push({
        description: [
          ...(send ? [`would send contract #${contract.id} milestone ${send.key} (due ${send.sendDate})`] : []),
          ...skip.map((m) => `would skip contract #${contract.id} milestone ${m.key} (due ${m.sendDate})`),
        ].join('\n'),
        planned: counts,
        run: async (): Promise<Counts> => {
          try {
            const ids = await this.#db.$transaction(async (tx) => {
              for (const m of skip) {
                await tx.contractMilestone.create({
                  data: { contractId: contract.id, key: m.key, dueDate: m.sendDate, status: 'skipped' },
                });
              }
              if (!send) return [];
              const row = await tx.contractMilestone.create({
                data: { contractId: contract.id, key: send.key, dueDate: send.sendDate, status: 'sent', sentAt: slot },
              });
              return this.#enqueueReminder(tx, contract, send, row.id, effective);
            });
            await this.#outbox.deliver(ids);
            return counts;
          } catch (error) {
            // Another run (or replica) recorded it first: nothing is sent twice.
            if (!isUniqueViolation(error)) throw error;
            return {};
          }
        },
      });
    }
    return { steps, summary: (c) => `${c.sent ?? 0} reminder(s) sent, ${c.skipped ?? 0} skipped` };
  }

  async #enqueueReminder(tx: Tx, contract: ContractDetails, milestone: Milestone, milestoneId: number, today: string): Promise<number[]> {
    const months = await chainMonths(tx, contract, today);
    const ids: number[] = [];
    const coordination = await this.#coordinationChannel(contract.teamId);
    // Contract details go to a channel only when Slack confirms it is private.
    const channels =
      coordination && (await this.#slack.isPrivateChannel(coordination))
        ? [coordination]
        : await this.#members.coordinators(contract.teamId);
    for (const channel of channels) {
      // A direct message speaks its reader's language; the channel, the network's.
      const locale = channel.startsWith('U') ? await this.#members.quickLocale(contract.teamId, channel) : this.#config.defaultLocale;
      ids.push(
        await this.#outbox.enqueue(tx, {
          teamId: contract.teamId,
          kind: 'post',
          channel,
          content: reminderMessage({ contract, milestone, milestoneId, months, today, locale, forCoordinators: true }, translator(locale)),
        }),
      );
    }
    if (forAnimator(milestone.key)) {
      const locale = await this.#members.quickLocale(contract.teamId, contract.userId);
      ids.push(
        await this.#outbox.enqueue(tx, {
          teamId: contract.teamId,
          kind: 'post',
          channel: contract.userId,
          content: reminderMessage({ contract, milestone, milestoneId, months, today, locale, forCoordinators: false }, translator(locale)),
        }),
      );
    }
    return ids;
  }
}
