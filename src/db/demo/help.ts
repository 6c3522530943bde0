// Demo data of mutual help: the demo members' skills and a few months of requests in every state.
import type { Db } from '../../db/client.ts';
import type { HelpCategory, HelpUrgency } from '../../features/help/vocabulary.ts';
import type { SkillService } from '../../features/skills/service.ts';
import { DEMO_MEMBERS } from './network.ts';

const SKILLS: string[][] = [
  ['Financement', 'FSE', 'Animation de réseau'],
  ['Comptabilité', 'Administratif', 'Contrats aidés'],
  ['Impression 3D', 'Découpe laser', 'Arduino'],
  ['Médiation numérique', 'Linux', 'Nextcloud'],
  ['Communication', 'Canva', 'Réseaux sociaux'],
  ['Couture', 'Upcycling', 'Animation'],
  ['Électronique', 'Soudure', 'Impression 3D'],
  ['Site web', 'WordPress', 'Communication'],
  ['Facilitation', 'Intelligence collective', 'Animation'],
  ['Subventions', 'Appel à projets', 'Budget'],
  ['Informatique', 'Réseau', 'Wifi'],
  ['Vidéo', 'Photo', 'Graphisme'],
];

const REQUESTS: [string, HelpCategory, HelpUrgency, string[]][] = [
  ['Notre imprimante 3D bouche à chaque impression', 'fabrication', 'week', ['Impression 3D']],
  ['Qui a un modèle de convention de mise à disposition ?', 'administratif', 'whenever', []],
  ['Le wifi du coworking coupe toutes les heures', 'technique', 'today', ['Wifi', 'Réseau']],
  ['Relire notre dossier FSE avant vendredi', 'financement', 'week', ['FSE']],
  ['Idées d’animation pour un public de seniors ?', 'animation', 'whenever', ['Médiation numérique']],
  ['Une affiche pour les portes ouvertes', 'communication', 'week', ['Canva']],
  ['Découpe laser : quels réglages pour du contreplaqué 5 mm ?', 'fabrication', 'today', ['Découpe laser']],
  ['Installer Nextcloud sur un petit serveur', 'technique', 'whenever', ['Nextcloud', 'Linux']],
  ['Budget prévisionnel d’un hackathon', 'financement', 'whenever', ['Budget']],
  ['Faciliter une réunion de 40 personnes', 'animation', 'week', ['Facilitation']],
];

export async function seedDemoHelp(db: Db, skills: SkillService, teamId: string, now: Date, channelId: string): Promise<number> {
  for (const [i, m] of DEMO_MEMBERS.entries()) {
    const mine = await skills.ofMember(teamId, m.userId);
    if (mine.skills.length === 0) await skills.save(teamId, m.userId, SKILLS[i % SKILLS.length] ?? [], false);
  }
  if ((await db.helpRequest.count({ where: { teamId } })) > 0) return 0;
  const users = DEMO_MEMBERS.map((m) => m.userId);
  let count = 0;
  // Three rounds over about four months: most resolved, some taken, a few still open.
  for (let round = 0; round < 3; round++) {
    for (const [j, [question, category, urgency, wanted]] of REQUESTS.entries()) {
      const daysAgo = 120 - round * 45 - j * 4;
      if (daysAgo < 1) continue;
      const createdAt = new Date(now.getTime() - daysAgo * 86_400_000);
      const requester = users[(j + round * 3) % users.length] ?? 'U0DEMO0003';
      const helper = users[(j + round * 3 + 5) % users.length] ?? 'U0DEMO0004';
      const state = daysAgo > 30 ? (j % 5 === 0 ? 'taken' : 'resolved') : j % 3 === 0 ? 'open' : j % 3 === 1 ? 'taken' : 'resolved';
      const answered = state !== 'open' || j % 2 === 0;
      const firstAnswerAt = new Date(createdAt.getTime() + (1 + ((j * 7) % 30)) * 3600_000);
      await db.helpRequest.create({
        data: {
          teamId,
          requesterId: requester,
          question,
          category,
          urgency,
          skillsWanted: JSON.stringify(wanted),
          status: state,
          channelId,
          answersCount: answered ? 1 + (j % 4) : 0,
          ...(answered ? { firstAnswerAt, firstAnswerBy: helper } : {}),
          lastActivityAt: answered ? firstAnswerAt : createdAt,
          ...(state === 'resolved' ? { resolvedAt: new Date(firstAnswerAt.getTime() + 86_400_000), resolvedBy: requester } : {}),
          // Demo requests were never posted: the nudges must not fire for them.
          nudgedPeersAt: createdAt,
          nudgedCoordinatorsAt: createdAt,
          staleAskedAt: createdAt,
          createdAt,
          ...(state !== 'open' ? { helpers: { create: [{ userId: helper, takenAt: firstAnswerAt, thanked: state === 'resolved' }] } } : {}),
          ...(answered
            ? {
                answers: {
                  create: [
                    { userId: helper, messageTs: `${Math.floor(firstAnswerAt.getTime() / 1000)}.000100`, answeredAt: firstAnswerAt },
                  ],
                },
              }
            : {}),
        },
      });
      count++;
    }
  }
  return count;
}
