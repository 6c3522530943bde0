// Time sheets in Slack: the week-by-week form, signing, countersigning, re-opening and the
// PDF. Thin listeners: every permission is checked by the service.
import { z } from 'zod';
import { formatMonth } from '../../i18n/format.ts';
import type { Services } from '../../services.ts';
import { userMention } from '../../slack/escape.ts';
import type { ButtonContext, Interactions, Requester } from '../../slack/interaction.ts';
import { readMetadata } from '../../slack/view-state.ts';
import { HoursFields, TimeSheetActions, TimeSheetViews } from './ids.ts';
import type { SheetResult } from './service.ts';
import { TASK_KINDS, type TaskKind } from './sheet.ts';
import {
  formWeeks,
  type SheetDisplay,
  sheetMessage,
  staleSheetMessage,
  type WeekFormMetadata,
  weekErrors,
  weekModalView,
} from './views.ts';

const weekMetadata: z.ZodType<WeekFormMetadata> = z.object({ sheetId: z.number().int(), week: z.string(), version: z.number().int() });

/** "12:3" → the sheet and the version its button was made for. */
function idAndVersion(value: string): { id: number; version: number } {
  const [id = '', version = ''] = value.split(':');
  return { id: Number(id), version: Number(version) };
}

export function register(on: Interactions, services: Services): void {
  const { timesheets, slack, home, config } = services;
  const display = (who: Requester): SheetDisplay => ({ t: who.t, locale: who.locale, timeZone: config.timeZone });

  /** A refusal, privately; a sheet changed meanwhile comes with its current state to act on. */
  const refuse = async ({ who, reply }: ButtonContext, result: SheetResult & { ok: false }) => {
    const text = who.t(`timesheet.refusal.${result.refusal}`);
    if (result.refusal === 'stale' && result.data && result.data.sheet.userId === who.userId) {
      return reply(staleSheetMessage(text, result.data, display(who)));
    }
    return reply(text);
  };

  const openSheet = async (ctx: ButtonContext) => {
    const found = await timesheets.forEditing(ctx.who.teamId, ctx.who.userId, Number(ctx.value));
    if (!found.ok) return refuse(ctx, found);
    const [first] = formWeeks(found.data.weeks);
    if (!first) return ctx.reply(ctx.who.t('timesheet.nothingToEnter'));
    await slack.openView(ctx.triggerId, weekModalView(found.data, first, display(ctx.who)));
  };
  on.action(TimeSheetActions.edit, openSheet);

  on.submission(
    TimeSheetViews.week,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(weekMetadata, privateMetadata);
      if (!meta) return { errors: { [HoursFields.animation.block]: who.t('timesheet.refusal.notFound') } };
      const typed = Object.fromEntries(TASK_KINDS.map((k) => [k, state.text(HoursFields[k])])) as Record<TaskKind, string>;
      const saved = await timesheets.saveWeek(who.teamId, who.userId, meta, typed);
      const d = display(who);
      if (!saved.ok && 'errors' in saved) return { errors: weekErrors(saved.errors, saved.week, d) };
      if (!saved.ok) return { errors: { [HoursFields.animation.block]: who.t(`timesheet.refusal.${saved.refusal}`) } };
      const walked = formWeeks(saved.data.weeks);
      const next = walked[walked.findIndex((w) => w.start === meta.week) + 1];
      if (next) return { update: weekModalView(saved.data, next, d) };
      return {
        after: async () => {
          await timesheets.sendUpdated(saved.data);
          home.refresh(who.teamId, [who.userId]);
        },
      };
    },
    { errorBlock: HoursFields.animation.block },
  );

  const signSheet = async (ctx: ButtonContext) => {
    const { id, version } = idAndVersion(ctx.value);
    const signed = await timesheets.sign(ctx.who.teamId, ctx.who.userId, id, version);
    if (!signed.ok) return refuse(ctx, signed);
    await ctx.replaceMessage(sheetMessage('signed', signed.data, display(ctx.who)));
    home.refresh(ctx.who.teamId, [ctx.who.userId]);
  };
  on.action(TimeSheetActions.sign, signSheet);

  /** `listed`: from a reminder of several sheets, whose other buttons must stay — answered privately. */
  const countersignSheet = (listed: boolean) => async (ctx: ButtonContext) => {
    const { id, version } = idAndVersion(ctx.value);
    const done = await timesheets.countersign(ctx.who.teamId, ctx.who.userId, id, version);
    if (!done.ok) return refuse(ctx, done);
    const month = done.data.sheet.month;
    const text = ctx.who.t('timesheet.countersignedByYou', {
      who: userMention(done.data.sheet.userId),
      month: formatMonth(month, ctx.who.locale),
    });
    await (listed ? ctx.reply(`✅ ${text}`) : ctx.replaceMessage({ text: `✅ ${text}` }));
    home.refresh(ctx.who.teamId, [ctx.who.userId, done.data.sheet.userId]);
  };
  on.action(TimeSheetActions.countersign, countersignSheet(false));
  on.action(TimeSheetActions.countersignListed, countersignSheet(true));

  const reopenSheet = async (ctx: ButtonContext) => {
    const { id, version } = idAndVersion(ctx.value);
    const reopened = await timesheets.reopen(ctx.who.teamId, ctx.who.userId, id, version);
    if (!reopened.ok) return refuse(ctx, reopened);
    await ctx.replaceMessage({ text: ctx.who.t('timesheet.reopenedByYou', { month: reopened.data.sheet.month }) });
    home.refresh(ctx.who.teamId, [ctx.who.userId, reopened.data.sheet.userId]);
  };
  on.action(TimeSheetActions.reopen, reopenSheet);

  // The PDF, by direct message, to its animator or a coordinator.
  const pdfSheet = async (ctx: ButtonContext) => {
    const found = await timesheets.pdfFor(ctx.who.teamId, ctx.who.userId, Number(ctx.value));
    if (!found.ok) return refuse(ctx, found);
    const { sheet, file } = found;
    const dm = await slack.openDirectMessage(ctx.who.userId);
    const comment = ctx.who.t('timesheet.pdfSent', { who: userMention(sheet.userId), month: formatMonth(sheet.month, ctx.who.locale) });
    await slack.uploadFiles(dm, [{ filename: file.filename, content: file.bytes, title: file.title }], comment);
  };
  on.action(TimeSheetActions.pdf, pdfSheet);

  // The ⋯ menu of a sheet on the App Home: its form, its PDF, or (coordinators) its approval.
  on.action(TimeSheetActions.menu, async (ctx) => {
    const [what = '', ...rest] = ctx.value.split(':');
    const value = rest.join(':');
    const handlers: Record<string, (c: ButtonContext) => Promise<unknown>> = {
      edit: openSheet,
      pdf: pdfSheet,
      countersign: countersignSheet(false),
    };
    const handler = handlers[what];
    if (handler) await handler({ ...ctx, value });
  });
}
