// Demo data of the network: ten spaces of the Drôme and a dozen animators.
import type { Db } from '../../db/client.ts';
import { slugify } from '../../features/network/service.ts';

export const DEMO_TEAM_ID = 'T0DEMO';

export const DEMO_SPACES = [
  { name: 'La Cordée Valence', town: 'Valence', kind: 'coworking' },
  { name: 'La Fabrique de Crest', town: 'Crest', kind: 'fablab' },
  { name: 'Le Lieu-Dit', town: 'Die', kind: 'tiers_lieu' },
  { name: 'Nyons Numérique', town: 'Nyons', kind: 'numerique' },
  { name: 'Le Relais de Rémuzat', town: 'Rémuzat', kind: 'tiers_lieu' },
  { name: 'Atelier du Rhône', town: 'Montélimar', kind: 'fablab' },
  { name: 'La Tannerie', town: 'Romans-sur-Isère', kind: 'coworking' },
  { name: 'Terre & Pixels', town: 'Dieulefit', kind: 'numerique' },
  { name: 'La Grange de Saillans', town: 'Saillans', kind: 'tiers_lieu' },
  { name: 'Les Baronnies Connectées', town: 'Buis-les-Baronnies', kind: 'numerique' },
] as const;

export const DEMO_MEMBERS = [
  { userId: 'U0DEMO0001', displayName: 'Camille Roux', role: 'coordinateur' },
  { userId: 'U0DEMO0002', displayName: 'Hélène Martin', role: 'coordinateur' },
  { userId: 'U0DEMO0003', displayName: 'Julien Faure', role: 'animateur' },
  { userId: 'U0DEMO0004', displayName: 'Sofia Benali', role: 'animateur' },
  { userId: 'U0DEMO0005', displayName: 'Thomas Girard', role: 'animateur' },
  { userId: 'U0DEMO0006', displayName: 'Léa Chabert', role: 'animateur' },
  { userId: 'U0DEMO0007', displayName: 'Mathieu Reynaud', role: 'animateur' },
  { userId: 'U0DEMO0008', displayName: 'Inès Moulin', role: 'animateur' },
  { userId: 'U0DEMO0009', displayName: 'Nicolas Vial', role: 'animateur' },
  { userId: 'U0DEMO0010', displayName: 'Aurélie Bonnet', role: 'animateur' },
  { userId: 'U0DEMO0011', displayName: 'Karim Haddad', role: 'animateur' },
  { userId: 'U0DEMO0012', displayName: 'Margaux Arnaud', role: 'animateur' },
] as const;

/**
 * The demonstration network, in its own workspace (DEMO_TEAM_ID) marked as such: never mixed
 * with the workspace the app is installed in, never sent to. Returns what is there.
 */
export async function seedDemo(db: Db): Promise<{ spaces: number; members: number }> {
  const teamId = DEMO_TEAM_ID;
  await db.workspace.upsert({ where: { teamId }, create: { teamId, name: 'Réseau démo', demo: true }, update: { demo: true } });
  for (const s of DEMO_SPACES) {
    const slug = slugify(s.name);
    await db.space.upsert({
      where: { teamId_slug: { teamId, slug } },
      create: { teamId, slug, name: s.name, town: s.town, kind: s.kind },
      update: {},
    });
  }
  for (const m of DEMO_MEMBERS) {
    await db.member.upsert({
      where: { teamId_userId: { teamId, userId: m.userId } },
      create: { teamId, userId: m.userId, displayName: m.displayName, role: m.role, locale: 'fr-FR' },
      update: {},
    });
  }
  return { spaces: DEMO_SPACES.length, members: DEMO_MEMBERS.length };
}
