// Demo data of events: a year of realistic activity around today (every format, a numbered
// "Café outils" series, shared events, attendance reported for most past events).
import type { Db } from '../../db/client.ts';
import { EVENT_AUDIENCES, EVENT_FORMATS, EVENT_THEMES, type EventFormat } from '../../features/events/vocabulary.ts';
import { addDays } from '../../time/calendar-date.ts';
import { isWorkingDay } from '../../time/working-days.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import { DEMO_MEMBERS } from './network.ts';

/** A small deterministic generator, so that every demo looks the same. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const TITLES: Record<EventFormat, string[]> = {
  atelier: ['Atelier impression 3D', 'Découpe laser : premiers pas', 'Réparer son vélo', 'Couture et upcycling'],
  cafe_outils: ['Nextcloud', 'Framadate et Framaforms', 'Zotero', 'Canva libre : Penpot', 'LibreOffice Calc', 'Mastodon'],
  formation: ['Initiation à Arduino', 'Animer une communauté', 'Bases de la comptabilité associative'],
  conference_debat: ['Le numérique responsable', 'Tiers-lieux et ruralité', 'L’IA au quotidien'],
  hackathon: ['Hackathon climat', 'Game jam de printemps'],
  atelier_emploi: ['Place à l’emploi : CV et lettre', 'Place à l’emploi : préparer un entretien'],
  hors_les_murs: ['Tiers-lieux hors les murs : marché de Die', 'Fab-lab mobile au collège'],
  temps_convivial: ['Apéro des coworkers', 'Repas partagé'],
  portes_ouvertes: ['Portes ouvertes', 'Visite des élus'],
  permanence: ['Permanence numérique', 'Permanence France Services'],
  rencontre_reseau: ['Rencontre des animateur·rices du réseau'],
  rencontre_partenaires: ['Rencontre avec France Travail', 'Comité de pilotage Département'],
};

const HOURS: [number, number, number][] = [
  [9, 30, 2],
  [14, 0, 3],
  [18, 0, 2],
  [10, 0, 6],
];

export async function seedDemoEvents(db: Db, teamId: string, now: Date, timeZone: string): Promise<number> {
  if ((await db.event.count({ where: { teamId, uid: { startsWith: 'demo-' } } })) > 0) return 0;
  const spaces = await db.space.findMany({ where: { teamId }, orderBy: { id: 'asc' } });
  if (spaces.length === 0) return 0;
  const animators = DEMO_MEMBERS.map((m) => m.userId);
  const rnd = random(2017);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const today = localDate(now, timeZone);
  let cafeNumber = 1;
  let count = 0;
  // About 170 events a year: two working days in three have an event.
  for (let offset = -300; offset <= 60; offset++) {
    const day = addDays(today, offset);
    if (!isWorkingDay(day) || rnd() > 0.68) continue;
    const format: EventFormat = rnd() < 0.12 ? 'cafe_outils' : pick(EVENT_FORMATS);
    const [hour, minute, length] = format === 'hackathon' ? ([9, 0, 9] as const) : pick(HOURS);
    const startAt = zonedInstant(day, hour, minute, timeZone);
    const endAt = new Date(startAt.getTime() + length * 3600_000);
    const shared = format === 'rencontre_reseau' || format === 'hackathon' || rnd() < 0.08;
    const hostCount = shared ? 2 + Math.floor(rnd() * 2) : 1;
    const hosts = [...new Set(Array.from({ length: hostCount }, () => pick(spaces).id))];
    const creator = pick(animators);
    const coanimator = rnd() < 0.3 ? pick(animators.filter((a) => a !== creator)) : undefined;
    const isCafe = format === 'cafe_outils';
    const title = isCafe ? `Café outils : ${pick(TITLES.cafe_outils)}` : pick(TITLES[format]);
    const past = endAt.getTime() < now.getTime();
    const cancelled = rnd() < 0.04;
    const total = 4 + Math.floor(rnd() * 26);
    const women = Math.floor(total * (0.4 + rnd() * 0.3));
    const men = Math.floor((total - women) * (0.7 + rnd() * 0.3));
    await db.event.create({
      data: {
        teamId,
        uid: `demo-${day}-${count}@tiers-lieux`,
        title,
        format,
        themes: JSON.stringify([pick(EVENT_THEMES), pick(EVENT_THEMES)].filter((v, i, a) => a.indexOf(v) === i)),
        audiences: JSON.stringify([pick(EVENT_AUDIENCES)]),
        startAt,
        endAt,
        expectedAttendance: 10 + Math.floor(rnd() * 20),
        description: '',
        ...(isCafe ? { seriesName: 'Café outils', seriesNumber: cafeNumber++ } : {}),
        status: cancelled ? 'cancelled' : 'scheduled',
        createdBy: creator,
        updatedBy: creator,
        ...(past ? { attendanceRequestedAt: endAt, attendanceRemindedAt: endAt } : {}),
        spaces: { create: hosts.map((spaceId) => ({ spaceId })) },
        organizers: { create: [{ userId: creator, isCreator: true }, ...(coanimator ? [{ userId: coanimator }] : [])] },
        ...(past && !cancelled && rnd() < 0.88
          ? {
              attendance: {
                create: {
                  total,
                  women,
                  men,
                  genderUnknown: total - women - men,
                  jobSeekers: format === 'atelier_emploi' ? Math.floor(total * 0.8) : Math.floor(total * rnd() * 0.3),
                  under25: Math.floor(total * rnd() * 0.3),
                  over54: Math.floor(total * rnd() * 0.3),
                  firstTime: Math.floor(total * rnd() * 0.5),
                  sheetKept: rnd() < 0.8,
                  reportedBy: creator,
                },
              },
            }
          : {}),
      },
    });
    count++;
  }
  return count;
}
