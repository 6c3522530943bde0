// iCalendar (RFC 5545) files of events, made with ical-generator: stable UIDs, SEQUENCE,
// cancelled events kept with STATUS:CANCELLED, times in the network's time zone (VTIMEZONE).
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Translate } from '../../i18n/index.ts';
import type { EventDetails } from './repo.ts';

export interface IcsOptions {
  name: string;
  timeZone: string;
  t: Translate;
}

function location(event: EventDetails): string {
  const spaces = event.spaces.map((s) => (s.town ? `${s.name}, ${s.town}` : s.name)).join(' ; ');
  if (event.locationKind === 'elsewhere' && event.address) return event.address;
  if (event.locationKind === 'online' && event.onlineUrl) return event.onlineUrl;
  return spaces;
}

function description(event: EventDetails, t: Translate): string {
  const lines = [
    `${t('event.announce.format')} : ${t(`event.format.${event.format}`)}`,
    ...(event.seriesName && event.seriesNumber
      ? [t('event.announce.series', { name: event.seriesName, number: String(event.seriesNumber) })]
      : []),
    ...(event.spaces.length > 0 ? [`${t('event.announce.where')} : ${event.spaces.map((s) => s.name).join(', ')}`] : []),
    ...(event.registrationUrl ? [`${t('event.announce.register')} : ${event.registrationUrl}`] : []),
    ...(event.description ? ['', event.description] : []),
  ];
  return lines.join('\n');
}

function calendarOf(options: IcsOptions): ICalCalendar {
  return ical({
    name: options.name,
    prodId: { company: 'Tiers-Lieux', product: 'tiers-lieux', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: options.timeZone, generator: getVtimezoneComponent },
    ttl: 3600,
  });
}

function addEvent(calendar: ICalCalendar, event: EventDetails, options: IcsOptions): void {
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    // TZDate (date-fns) is understood by ical-generator: wall-clock times with TZID.
    start: new TZDate(event.startAt.getTime(), options.timeZone),
    end: new TZDate(event.endAt.getTime(), options.timeZone),
    timezone: options.timeZone,
    summary: event.title,
    description: description(event, options.t),
    location: location(event),
    ...(event.registrationUrl ? { url: event.registrationUrl } : {}),
    status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    categories: [{ name: options.t(`event.format.${event.format}`) }],
  });
}

export function eventsToIcs(events: EventDetails[], options: IcsOptions): string {
  const calendar = calendarOf(options);
  for (const event of events) addEvent(calendar, event, options);
  return calendar.toString();
}

/**
 * The same file written a page of events at a time (a feed of a national network holds tens of
 * thousands): `head`, then `events(page)` for each page, then `tail` — byte for byte what
 * `eventsToIcs` gives for all the events at once.
 */
export function icsWriter(options: IcsOptions): { head: string; events(page: EventDetails[]): string; tail: string } {
  const calendar = calendarOf(options);
  const empty = calendar.toString();
  const tail = empty.slice(empty.lastIndexOf('END:VCALENDAR'));
  const head = empty.slice(0, empty.length - tail.length);
  return {
    head,
    tail,
    events: (page) => {
      calendar.clear();
      for (const event of page) addEvent(calendar, event, options);
      const text = calendar.toString();
      return text.slice(head.length, text.length - tail.length);
    },
  };
}
