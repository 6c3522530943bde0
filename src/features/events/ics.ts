// iCalendar (RFC 5545) files of events: stable UIDs, SEQUENCE, cancelled events kept with
// STATUS:CANCELLED, times in the network's time zone (VTIMEZONE, from ical-generator and
// @touch4it/ical-timezones), instants in UTC, CRLF line endings, lines folded at 75 octets.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { type ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import type { Translate } from '../../i18n/index.ts';
import { wallClock } from '../../time/zone.ts';
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

const CRLF = '\r\n';

/** A TEXT value escaped (RFC 5545 §3.3.11). */
function escaped(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A content line folded at 75 octets (RFC 5545 §3.1), with its CRLF. */
function folded(line: string): string {
  let out = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > 75) {
      out += `${CRLF} `;
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out + CRLF;
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant in UTC: 20261201T083000Z. */
function utc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The wall-clock time of an instant in the network's time zone (with TZID): 20261201T093000. */
function local(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}${two(w.month)}${two(w.day)}T${two(w.hour)}${two(w.minute)}${two(instant.getUTCSeconds())}`;
}

/** One VEVENT. Written here rather than by ical-generator: a feed holds thousands of them. */
function vevent(event: EventDetails, options: IcsOptions): string {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.updatedAt)}`,
    `DTSTART;TZID=${options.timeZone}:${local(event.startAt, options.timeZone)}`,
    `DTEND;TZID=${options.timeZone}:${local(event.endAt, options.timeZone)}`,
    `SUMMARY:${escaped(event.title)}`,
    `LOCATION:${escaped(location(event))}`,
    `DESCRIPTION:${escaped(description(event, options.t))}`,
    `CATEGORIES:${escaped(options.t(`event.format.${event.format}`))}`,
    ...(event.registrationUrl ? [`URL;VALUE=URI:${event.registrationUrl}`] : []),
    `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `CREATED:${utc(event.createdAt)}`,
    `LAST-MODIFIED:${utc(event.updatedAt)}`,
    'END:VEVENT',
  ];
  return lines.map(folded).join('');
}

/**
 * A calendar written a page of events at a time (a feed of a national network holds tens of
 * thousands): `head` (the calendar and its VTIMEZONE), then `events(page)` for each page, then
 * `tail`. Every line ends with CRLF; instants are in UTC.
 */
export function icsWriter(options: IcsOptions): { head: string; events(page: EventDetails[]): string; tail: string } {
  const empty = calendarOf(options).toString();
  const end = empty.lastIndexOf('END:VCALENDAR');
  return {
    head: empty.slice(0, end),
    tail: `END:VCALENDAR${CRLF}`,
    events: (page) => page.map((event) => vevent(event, options)).join(''),
  };
}

export function eventsToIcs(events: EventDetails[], options: IcsOptions): string {
  const writer = icsWriter(options);
  return writer.head + writer.events(events) + writer.tail;
}
