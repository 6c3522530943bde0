// /evenement, /agenda, the announcement buttons and the attendance modal: thin listeners.
import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../config.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { escapeMrkdwn } from '../../slack/escape.ts';
import { apologyFor } from '../../slack/failures.ts';
import { actionValue, teamOf } from '../../slack/payload.ts';
import { respondPrivately } from '../../slack/respond.ts';
import { readMetadata, ViewState } from '../../slack/view-state.ts';
import { refreshHomes } from '../home/listeners.ts';
import { slugify } from '../network/service.ts';
import { readAttendanceForm } from './attendance-form.ts';
import { readEventForm, renderErrors } from './form.ts';
import { eventsToIcs } from './ics.ts';
import { AGENDA_COMMAND, AttendanceFields, EVENT_COMMAND, EventActions, EventFields, EventViews } from './ids.ts';
import type { EventDetails } from './repo.ts';
import { agendaMessage, attendanceModalView, type EventFormMetadata, eventModalView } from './views.ts';

const formMetadata: z.ZodType<EventFormMetadata> = z.object({ eventId: z.number().int().optional(), channelId: z.string().optional() });
const attendanceMetadata = z.object({ eventId: z.number().int() });

export function register(app: App, services: Services): void {
  const { events, members, slack, logger, outbox, config } = services;

  app.command(EVENT_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const teamId = body.team_id;
    const locale = await members.quickLocale(teamId, body.user_id);
    try {
      const view = eventModalView(
        await events.formOptions(teamId),
        events.display(locale),
        { channelId: body.channel_id },
        undefined,
        body.text.trim() || undefined,
      );
      await slack.openView(body.trigger_id, view);
    } catch (error) {
      logger.error('/evenement failed', { error });
      await respond({ response_type: 'ephemeral', text: translator(locale)(apologyFor(error)) });
    }
  });

  // "Declare an event" from the App Home.
  app.action({ action_id: EventActions.declare, type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    const teamId = teamOf(body);
    const locale = await members.quickLocale(teamId, body.user.id);
    try {
      await slack.openView(body.trigger_id, eventModalView(await events.formOptions(teamId), events.display(locale), {}));
    } catch (error) {
      logger.error('opening the event modal from the App Home failed', { error });
    }
  });

  app.view(EventViews.form, async ({ ack, body, view }) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const t = translator(await members.quickLocale(teamId, userId));
    const meta = readMetadata(formMetadata, view.private_metadata) ?? {};
    let outboxIds: number[] = [];
    let concerned: string[] = [];
    try {
      const form = readEventForm(new ViewState(view.state.values), config.timeZone);
      if (!form.ok) {
        await ack({ response_action: 'errors', errors: renderErrors(form.errors, t) });
        return;
      }
      const result =
        meta.eventId !== undefined
          ? await events.update(teamId, userId, meta.eventId, form.input)
          : await events.create(teamId, userId, form.input, meta.channelId);
      if (!result.ok) {
        const errors =
          'errors' in result ? renderErrors(result.errors, t) : { [EventFields.title.block]: t(`event.error.${result.refusal}`) };
        await ack({ response_action: 'errors', errors });
        return;
      }
      outboxIds = result.outboxIds;
      concerned = result.event.organizers;
      await ack();
    } catch (error) {
      logger.error('saving an event failed', { error });
      await ack({ response_action: 'errors', errors: { [EventFields.title.block]: t(apologyFor(error)) } });
      return;
    }
    await outbox.deliver(outboxIds);
    refreshHomes(services, teamId, concerned);
  });

  /** Loads the event of a button and checks that the user may act on it. */
  async function forManager(
    teamId: string,
    userId: string,
    eventId: number,
    t: Translate,
    respond: RespondFn | undefined,
  ): Promise<EventDetails | undefined> {
    const event = await events.get(teamId, eventId);
    if (!event) {
      await respondPrivately(respond, t('event.error.notFound'));
      return undefined;
    }
    if (!(await events.canManage(teamId, userId, event))) {
      await respondPrivately(respond, t('event.error.notAllowed'));
      return undefined;
    }
    return event;
  }

  /**
   * A button of an event (announcement, direct message, App Home): acknowledged at once, the
   * event id read from its value, failures answered privately in the user's language.
   */
  function onEventButton(
    actionId: string,
    what: string,
    handle: (ctx: {
      teamId: string;
      userId: string;
      locale: Locale;
      t: Translate;
      eventId: number;
      triggerId: string;
      channelId: string | undefined;
      respond: RespondFn;
    }) => Promise<void>,
  ): void {
    app.action({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, action, respond }) => {
      await ack();
      const teamId = teamOf(body);
      const userId = body.user.id;
      const locale = await members.quickLocale(teamId, userId);
      const t = translator(locale);
      const value = actionValue(action);
      try {
        await handle({
          teamId,
          userId,
          locale,
          t,
          eventId: Number(value),
          triggerId: body.trigger_id,
          channelId: body.channel?.id,
          respond,
        });
      } catch (error) {
        logger.error(`${what} failed`, { error });
        await respondPrivately(respond, t(apologyFor(error)));
      }
    });
  }

  onEventButton(
    EventActions.edit,
    'opening an event for edit',
    async ({ teamId, userId, locale, t, eventId, triggerId, channelId, respond }) => {
      const event = await forManager(teamId, userId, eventId, t, respond);
      if (!event) return;
      if (event.status === 'cancelled') return respondPrivately(respond, t('event.error.cancelled'));
      const options = await events.formOptions(teamId);
      await slack.openView(
        triggerId,
        eventModalView(options, events.display(locale), { eventId: event.id, ...(channelId ? { channelId } : {}) }, event),
      );
    },
  );

  onEventButton(EventActions.cancel, 'cancelling an event', async ({ teamId, userId, t, eventId, respond }) => {
    const result = await events.cancel(teamId, userId, eventId);
    if (!result.ok) return respondPrivately(respond, 'refusal' in result ? t(`event.error.${result.refusal}`) : t('error.generic'));
    await outbox.deliver(result.outboxIds);
    refreshHomes(services, teamId, result.event.organizers);
    await respondPrivately(respond, t('event.notice.cancelled', { title: escapeMrkdwn(result.event.title) }));
  });

  // "Add to my calendar": the event's .ics, sent to the member in a direct message (works
  // whatever the mode, with or without a public address).
  onEventButton(EventActions.calendar, 'sending the calendar file', async ({ teamId, userId, t, eventId, respond }) => {
    const event = await events.get(teamId, eventId);
    if (!event) return respondPrivately(respond, t('event.error.notFound'));
    const ics = eventsToIcs([event], { name: event.title, timeZone: config.timeZone, t });
    const feed = await services.network.calendarUrls(teamId);
    const comment = [
      t('event.calendar.sent', { title: escapeMrkdwn(event.title) }),
      ...(feed ? [t('event.calendar.feed', { url: feed })] : []),
    ].join('\n');
    const dm = await slack.openDirectMessage(userId);
    await slack.uploadFile(
      dm,
      { filename: `${slugify(event.title).slice(0, 60) || 'evenement'}.ics`, content: ics, title: event.title },
      comment,
    );
  });

  onEventButton(
    EventActions.reportAttendance,
    'opening the attendance modal',
    async ({ teamId, userId, locale, t, eventId, triggerId, respond }) => {
      const event = await forManager(teamId, userId, eventId, t, respond);
      if (!event) return;
      await slack.openView(triggerId, attendanceModalView(event, events.display(locale), event.attendance));
    },
  );

  app.view(EventViews.attendance, async ({ ack, body, view }) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const t = translator(await members.quickLocale(teamId, userId));
    const meta = readMetadata(attendanceMetadata, view.private_metadata);
    try {
      if (!meta) {
        await ack({ response_action: 'errors', errors: { [AttendanceFields.total.block]: t('event.error.notFound') } });
        return;
      }
      const form = readAttendanceForm(new ViewState(view.state.values));
      if (!form.ok) {
        const errors: Record<string, string> = {};
        for (const [field, error] of Object.entries(form.errors))
          errors[AttendanceFields[field as keyof typeof AttendanceFields].block] = error(t);
        await ack({ response_action: 'errors', errors });
        return;
      }
      const result = await events.saveAttendance(teamId, userId, meta.eventId, form.input);
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: { [AttendanceFields.total.block]: t(`event.error.${result.refusal}`) } });
        return;
      }
      await ack();
      refreshHomes(services, teamId, result.event.organizers);
      await outbox.send({
        teamId,
        kind: 'post',
        channel: userId,
        content: { text: t('attendance.saved', { title: escapeMrkdwn(result.event.title), total: form.input.total }) },
      });
    } catch (error) {
      logger.error('saving attendance failed', { error });
      await ack({ response_action: 'errors', errors: { [AttendanceFields.total.block]: t(apologyFor(error)) } }).catch(() => undefined);
    }
  });

  app.command(AGENDA_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const teamId = body.team_id;
    const locale = await members.quickLocale(teamId, body.user_id);
    const d = events.display(locale);
    try {
      const answer = await events.agendaFor(teamId, body.text);
      if (!answer.ok) {
        const spaces = answer.spaces.map(escapeMrkdwn).join(', ') || '—';
        await respondPrivately(respond, d.t('agenda.unknownSpace', { text: escapeMrkdwn(body.text.trim()), spaces }));
        return;
      }
      const range =
        answer.range.kind === 'space' ? d.t('agenda.range.space', { space: answer.range.name }) : d.t(`agenda.range.${answer.range.kind}`);
      const feed = answer.feedUrl ? d.t('agenda.feed', { url: answer.feedUrl }) : d.t('agenda.feedNoUrl');
      const message = agendaMessage(answer.events, d, range, feed);
      await respond({ response_type: 'ephemeral', text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
    } catch (error) {
      logger.error('/agenda failed', { error });
      await respond({ response_type: 'ephemeral', text: d.t(apologyFor(error)) });
    }
  });
}
