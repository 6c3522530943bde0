// /evenement, /agenda, the announcement buttons and the attendance modal: thin listeners.
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { escapeMrkdwn } from '../../slack/escape.ts';
import { SlackCallError } from '../../slack/gateway.ts';
import type { ButtonContext, Interactions, Requester } from '../../slack/interaction.ts';
import { readMetadata } from '../../slack/view-state.ts';
import { localDate } from '../../time/zone.ts';
import { slugify } from '../network/service.ts';
import { readAttendanceForm, renderAttendanceErrors } from './attendance-form.ts';
import { draftFromState, draftOfEvent, type EventDraft, emptyDraft, pastDeclaration, readEventForm, renderErrors } from './form.ts';
import { eventsToIcs } from './ics.ts';
import { AGENDA_COMMAND, AttendanceFields, EVENT_COMMAND, EventActions, EventFields, EventViews } from './ids.ts';
import type { EventDetails } from './repo.ts';
import {
  agendaMessage,
  agendaRangeText,
  attendanceModalView,
  cancelConfirmMessage,
  displayFor,
  type EventFormMetadata,
  eventModalView,
  type FormOptions,
} from './views.ts';

const formMetadata: z.ZodType<EventFormMetadata> = z.object({
  eventId: z.number().int().optional(),
  channelId: z.string().optional(),
  details: z.boolean().optional(),
});
const attendanceMetadata = z.object({ eventId: z.number().int() });

export function register(on: Interactions, services: Services): void {
  const { events, slack, outbox, config, home, network, clock, evidence } = services;
  const today = () => localDate(clock.now(), config.timeZone);
  const formView = async (who: Requester, meta: EventFormMetadata, draft: (options: FormOptions) => EventDraft) => {
    const options = await events.formOptions(who.teamId, who.userId);
    const shown = draft(options);
    // Today's date matters only to a draft that has one (a new form has none: nothing to compute).
    return eventModalView(options, displayFor(who.locale, config.timeZone), meta, shown, shown.date ? today() : '');
  };

  const openForm = async (who: Requester, triggerId: string, meta: EventFormMetadata, event?: EventDetails, title?: string) =>
    slack.openView(
      triggerId,
      await formView(who, meta, ({ usualSpace }) =>
        event ? draftOfEvent(event, config.timeZone) : emptyDraft({ title: title ?? '', spaces: usualSpace ? [usualSpace] : [] }),
      ),
    );

  /**
   * "Où ?", the dates and "Plus de détails" change what the form asks: it is drawn again from
   * what was typed. A newer change already on its way makes this one moot (`hash_conflict`).
   */
  const redraw =
    (more: Partial<EventFormMetadata> = {}) =>
    async ({ who, modal }: ButtonContext) => {
      if (!modal) return;
      const meta = { ...(readMetadata(formMetadata, modal.privateMetadata) ?? {}), ...more };
      const view = await formView(who, meta, () => draftFromState(modal.state));
      await slack.updateView(modal.id, view, modal.hash).catch((error: unknown) => {
        if (!(error instanceof SlackCallError && error.code === 'hash_conflict')) throw error;
      });
    };
  on.change(EventFields.location, redraw());
  on.change(EventFields.date, redraw());
  on.change(EventFields.endDate, redraw());
  on.action(EventActions.moreDetails, redraw({ details: true }));

  // The host spaces' menu of a large network, searched as the animator types.
  on.options(EventFields.spaces, ({ teamId, query }) => network.spaceChoices(teamId, query));

  on.command(EVENT_COMMAND, ({ who, text, channelId, triggerId }) => openForm(who, triggerId, { channelId }, undefined, text || undefined));

  // "Declare an event" from the App Home.
  on.action(EventActions.declare, ({ who, triggerId }) => openForm(who, triggerId, {}));

  on.submission(
    EventViews.form,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(formMetadata, privateMetadata) ?? {};
      const form = readEventForm(state, config.timeZone);
      if (!form.ok) return { errors: renderErrors(form.errors, who.t) };
      if (meta.eventId === undefined) {
        // An event that has already ended is declared only once the animator confirms it.
        const past = pastDeclaration(form.input, state, clock.now());
        if (past === 'refuse') return { errors: { [EventFields.pastConfirm.block]: who.t('event.error.pastConfirm') } };
        if (past === 'ask') return { ask: await formView(who, meta, () => draftFromState(state)) };
      }
      const result =
        meta.eventId !== undefined
          ? await events.update(who.teamId, who.userId, meta.eventId, form.input)
          : await events.create(who.teamId, who.userId, form.input, meta.channelId);
      if (!result.ok) {
        return {
          errors:
            'errors' in result ? renderErrors(result.errors, who.t) : { [EventFields.title.block]: who.t(`event.error.${result.refusal}`) },
        };
      }
      const after = async () => {
        await outbox.deliver(result.outboxIds);
        home.refresh(who.teamId, result.event.organizers);
      };
      // A past event just declared: the modal moves on to its attendance report.
      if (meta.eventId === undefined && result.event.endAt.getTime() <= clock.now().getTime()) {
        return { update: attendanceModalView(result.event, displayFor(who.locale, config.timeZone), undefined), after };
      }
      return { after };
    },
    { errorBlock: EventFields.title.block },
  );

  /** The event of a button or menu, when this member may change it (else a private refusal). */
  const managed = async ({ who, reply }: ButtonContext, id: string): Promise<EventDetails | undefined> => {
    const found = await events.forManager(who.teamId, who.userId, Number(id));
    if (!found.ok) await reply(who.t(`event.error.${found.refusal}`));
    else if (found.event.status === 'cancelled') await reply(who.t('event.error.cancelled'));
    else return found.event;
    return undefined;
  };
  const openEdit = (ctx: ButtonContext, event: EventDetails) =>
    openForm(ctx.who, ctx.triggerId, { eventId: event.id, ...(ctx.channelId ? { channelId: ctx.channelId } : {}) }, event);

  // "Modifier" (announcements posted before the ⋯ menu).
  on.action(EventActions.edit, async (ctx) => {
    const event = await managed(ctx, ctx.value);
    if (event) await openEdit(ctx, event);
  });

  // The "⋯" menu (announcement, App Home): the attendance sheet comes by direct message,
  // editing opens the form, cancelling asks first.
  on.action(EventActions.manage, async (ctx) => {
    const [what, id = ''] = ctx.value.split(':');
    const event = await managed(ctx, id);
    if (!event) return;
    if (what === 'sheet') {
      const sheet = await evidence.attendanceSheet(ctx.who.teamId, event);
      const dm = await slack.openDirectMessage(ctx.who.userId);
      const comment = ctx.who.t('sheet.sent', { title: escapeMrkdwn(event.title), rows: sheet.rows, pages: sheet.pages });
      await slack.uploadFiles(dm, [{ filename: sheet.filename, content: sheet.bytes, title: sheet.title }], comment);
    } else if (what === 'edit') await openEdit(ctx, event);
    else if (what === 'cancel') await ctx.reply(cancelConfirmMessage(event, displayFor(ctx.who.locale, config.timeZone)));
  });

  on.action(EventActions.cancel, async ({ who, value, reply }) => {
    const result = await events.cancel(who.teamId, who.userId, Number(value));
    if (!result.ok) return reply('refusal' in result ? who.t(`event.error.${result.refusal}`) : who.t('error.generic'));
    await outbox.deliver(result.outboxIds);
    home.refresh(who.teamId, result.event.organizers);
    await reply(who.t('event.notice.cancelled', { title: escapeMrkdwn(result.event.title) }));
  });

  // "Add to my calendar": the event's .ics, sent to the member in a direct message (works
  // whatever the mode, with or without a public address).
  on.action(EventActions.calendar, async ({ who, value, reply }) => {
    const event = await events.get(who.teamId, Number(value));
    if (!event) return reply(who.t('event.error.notFound'));
    const ics = eventsToIcs([event], { name: event.title, timeZone: config.timeZone, t: who.t });
    const feed = await network.calendarUrls(who.teamId);
    const comment = [
      who.t('event.calendar.sent', { title: escapeMrkdwn(event.title) }),
      ...(feed ? [who.t('event.calendar.feed', { url: feed })] : []),
    ].join('\n');
    const dm = await slack.openDirectMessage(who.userId);
    const filename = `${slugify(event.title).slice(0, 60) || 'evenement'}.ics`;
    await slack.uploadFile(dm, { filename, content: ics, title: event.title }, comment);
  });

  on.action(EventActions.reportAttendance, async ({ who, value, triggerId, reply }) => {
    const found = await events.forManager(who.teamId, who.userId, Number(value));
    if (!found.ok) return reply(who.t(`event.error.${found.refusal}`));
    await slack.openView(triggerId, attendanceModalView(found.event, displayFor(who.locale, config.timeZone), found.event.attendance));
  });

  // From the weekly digest, in the coordination channel: coordinators only.
  on.action(
    EventActions.chaseAttendance,
    async ({ who, reply }) => {
      const chased = await events.chaseAttendance(who.teamId, clock.now());
      await reply(
        chased.events === 0
          ? who.t('attendance.chase.none')
          : who.t('attendance.chase.done', { events: chased.events, people: chased.organisers }),
      );
    },
    { coordinatorOnly: true },
  );

  on.submission(
    EventViews.attendance,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(attendanceMetadata, privateMetadata);
      if (!meta) return { errors: { [AttendanceFields.total.block]: who.t('event.error.notFound') } };
      const form = readAttendanceForm(state);
      if (!form.ok) return { errors: renderAttendanceErrors(form.errors, who.t) };
      const result = await events.saveAttendance(who.teamId, who.userId, meta.eventId, form.input);
      if (!result.ok) return { errors: { [AttendanceFields.total.block]: who.t(`event.error.${result.refusal}`) } };
      return {
        after: async () => {
          home.refresh(who.teamId, result.event.organizers);
          const text = who.t('attendance.saved', { title: escapeMrkdwn(result.event.title), total: form.input.total });
          await outbox.send({ teamId: who.teamId, kind: 'post', channel: who.userId, content: { text } });
        },
      };
    },
    { errorBlock: AttendanceFields.total.block },
  );

  on.command(AGENDA_COMMAND, async ({ who, text, reply }) => {
    const d = displayFor(who.locale, config.timeZone);
    const answer = await events.agendaFor(who.teamId, text);
    if (!answer.ok) {
      const spaces = answer.spaces.map(escapeMrkdwn).join(', ') || '—';
      return reply(d.t('agenda.unknownSpace', { text: escapeMrkdwn(text), spaces }));
    }
    const feed = answer.feedUrl ? d.t('agenda.feed', { url: answer.feedUrl }) : d.t('agenda.feedNoUrl');
    await reply(agendaMessage(answer.events, d, agendaRangeText(answer.range, d.t), feed));
  });
}
