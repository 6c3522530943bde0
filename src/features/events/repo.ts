// Reading events as plain objects.
import type { Db, Tx } from '../../db/client.ts';
import {
  EVENT_AUDIENCES,
  EVENT_FORMATS,
  EVENT_THEMES,
  type EventAudience,
  type EventFormat,
  type EventTheme,
  isOneOf,
  type LocationKind,
} from './vocabulary.ts';

export interface AttendanceReport {
  total: number;
  women: number;
  men: number;
  genderUnknown: number;
  jobSeekers: number;
  under25: number;
  over54: number;
  firstTime: number;
  sheetKept: boolean;
  note: string;
  reportedBy: string;
}

export interface EventDetails {
  id: number;
  teamId: string;
  uid: string;
  title: string;
  format: EventFormat;
  themes: EventTheme[];
  audiences: EventAudience[];
  startAt: Date;
  endAt: Date;
  locationKind: LocationKind;
  address: string | undefined;
  onlineUrl: string | undefined;
  expectedAttendance: number | undefined;
  registrationUrl: string | undefined;
  description: string;
  seriesName: string | undefined;
  seriesNumber: number | undefined;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  createdBy: string;
  updatedAt: Date;
  createdAt: Date;
  spaces: { id: number; name: string; slug: string; town: string; channelId: string | undefined }[];
  organizers: string[];
  attendance: AttendanceReport | undefined;
  attendanceRequestedAt: Date | undefined;
  attendanceRemindedAt: Date | undefined;
}

export const eventInclude = {
  spaces: { include: { space: true } },
  organizers: true,
  attendance: true,
} as const;

type EventRow = NonNullable<Awaited<ReturnType<Db['event']['findFirst']>>> & {
  spaces: { space: { id: number; name: string; slug: string; town: string; channelId: string | null } }[];
  organizers: { userId: string; isCreator: boolean }[];
  attendance: (AttendanceReport & { note: string }) | null;
};

function jsonList<T extends string>(raw: string, allowed: readonly T[]): T[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((v): v is T => typeof v === 'string' && isOneOf(allowed, v)) : [];
  } catch {
    return [];
  }
}

export function toDetails(row: EventRow): EventDetails {
  const organizers = [...row.organizers].sort((a, b) => Number(b.isCreator) - Number(a.isCreator) || a.userId.localeCompare(b.userId));
  return {
    id: row.id,
    teamId: row.teamId,
    uid: row.uid,
    title: row.title,
    format: isOneOf(EVENT_FORMATS, row.format) ? row.format : 'atelier',
    themes: jsonList(row.themes, EVENT_THEMES),
    audiences: jsonList(row.audiences, EVENT_AUDIENCES),
    startAt: row.startAt,
    endAt: row.endAt,
    locationKind: row.locationKind === 'elsewhere' || row.locationKind === 'online' ? row.locationKind : 'space',
    address: row.address ?? undefined,
    onlineUrl: row.onlineUrl ?? undefined,
    expectedAttendance: row.expectedAttendance ?? undefined,
    registrationUrl: row.registrationUrl ?? undefined,
    description: row.description,
    seriesName: row.seriesName ?? undefined,
    seriesNumber: row.seriesNumber ?? undefined,
    status: row.status === 'cancelled' ? 'cancelled' : 'scheduled',
    sequence: row.sequence,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    spaces: row.spaces
      .map((s) => ({
        id: s.space.id,
        name: s.space.name,
        slug: s.space.slug,
        town: s.space.town,
        channelId: s.space.channelId ?? undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    organizers: organizers.map((o) => o.userId),
    attendance: row.attendance
      ? {
          total: row.attendance.total,
          women: row.attendance.women,
          men: row.attendance.men,
          genderUnknown: row.attendance.genderUnknown,
          jobSeekers: row.attendance.jobSeekers,
          under25: row.attendance.under25,
          over54: row.attendance.over54,
          firstTime: row.attendance.firstTime,
          sheetKept: row.attendance.sheetKept,
          note: row.attendance.note,
          reportedBy: row.attendance.reportedBy,
        }
      : undefined,
    attendanceRequestedAt: row.attendanceRequestedAt ?? undefined,
    attendanceRemindedAt: row.attendanceRemindedAt ?? undefined,
  };
}

export async function findEvent(db: Db | Tx, teamId: string, id: number): Promise<EventDetails | undefined> {
  const row = await db.event.findFirst({ where: { teamId, id }, include: eventInclude });
  return row ? toDetails(row) : undefined;
}

export async function findEvents(
  db: Db,
  where: NonNullable<Parameters<Db['event']['findMany']>[0]>['where'],
  options: { take?: number; orderBy?: 'asc' | 'desc' } = {},
): Promise<EventDetails[]> {
  const rows = await db.event.findMany({
    where,
    include: eventInclude,
    orderBy: [{ startAt: options.orderBy ?? 'asc' }, { id: 'asc' }],
    ...(options.take ? { take: options.take } : {}),
  });
  return rows.map(toDetails);
}
