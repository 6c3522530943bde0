import { describe, expect, it } from 'vitest';
import { attendanceSheetPdf, DEFAULT_SHEET_ROWS, sheetRows } from '../../src/features/evidence/attendance-sheet.ts';
import { euEmblem, STAR_INNER_RATIO } from '../../src/features/evidence/emblem.ts';
import { documentFrame, placeOf } from '../../src/features/evidence/service.ts';
import { translator } from '../../src/i18n/index.ts';
import { readPdf } from '../support/pdf.ts';

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('the EU emblem', () => {
  const emblem = euEmblem(10, 20, 90);
  const { flag } = emblem;
  const centre = { x: flag.x + flag.width / 2, y: flag.y + flag.height / 2 };

  it('is a blue rectangle one and a half times as wide as high', () => {
    expect(flag).toEqual({ x: 10, y: 20, width: 90, height: 60 });
  });

  it('has twelve stars on a circle of a third of the height, placed like the hours of a clock', () => {
    expect(emblem.stars).toHaveLength(12);
    for (const star of emblem.stars) expect(distance(star.centre, centre)).toBeCloseTo(flag.height / 3, 9);
    // Twelve o'clock first, then clockwise, 30° apart.
    expect(emblem.stars[0]?.centre.x).toBeCloseTo(centre.x, 9);
    expect(emblem.stars[0]?.centre.y).toBeCloseTo(centre.y - 20, 9);
    expect(emblem.stars[3]?.centre.x).toBeCloseTo(centre.x + 20, 9);
    expect(emblem.stars[6]?.centre.y).toBeCloseTo(centre.y + 20, 9);
    const angles = emblem.stars.map((s) => Math.atan2(s.centre.x - centre.x, centre.y - s.centre.y));
    for (let i = 1; i < 12; i++) {
      const step = (angles[i] ?? 0) - (angles[i - 1] ?? 0);
      expect(Math.abs(Math.abs(step) - Math.PI / 6) < 1e-9 || Math.abs(Math.abs(step) - (2 * Math.PI - Math.PI / 6)) < 1e-9).toBe(true);
    }
  });

  it('draws five-pointed stars of an eighteenth of the height, one point straight up, all inside the flag', () => {
    for (const star of emblem.stars) {
      expect(star.corners).toHaveLength(10);
      const [top] = star.corners;
      expect(top?.x).toBeCloseTo(star.centre.x, 9);
      expect(top?.y).toBeCloseTo(star.centre.y - flag.height / 18, 9);
      star.corners.forEach((corner, k) => {
        expect(distance(corner, star.centre)).toBeCloseTo((flag.height / 18) * (k % 2 === 0 ? 1 : STAR_INNER_RATIO), 9);
        expect(corner.x).toBeGreaterThan(flag.x);
        expect(corner.x).toBeLessThan(flag.x + flag.width);
        expect(corner.y).toBeGreaterThan(flag.y);
        expect(corner.y).toBeLessThan(flag.y + flag.height);
      });
    }
  });
});

/** An attendance sheet printed in French, on 1 December 2026. */
function printedSheet(funding: Parameters<typeof documentFrame>[0], event: Parameters<typeof attendanceSheetPdf>[0]) {
  const t = translator('fr');
  return attendanceSheetPdf(event, documentFrame(funding, t), t, new Date('2026-12-01T09:00:00Z'));
}

describe('the attendance sheet', () => {
  it('has the expected attendance plus a margin of rows (a fifth, at least five), twenty when nobody said', () => {
    expect(sheetRows(undefined)).toBe(DEFAULT_SHEET_ROWS);
    expect(sheetRows(0)).toBe(DEFAULT_SHEET_ROWS);
    expect(sheetRows(12)).toBe(17);
    expect(sheetRows(30)).toBe(36);
    expect(sheetRows(100)).toBe(120);
    expect(sheetRows(50_000)).toBe(1_000);
  });

  it('says where an event takes place in words', () => {
    const t = translator('fr');
    const spaces = [{ name: 'La Fabrique', town: 'Crest' }];
    expect(placeOf({ spaces, locationKind: 'space', address: undefined }, t)).toBe('La Fabrique (Crest)');
    expect(placeOf({ spaces, locationKind: 'elsewhere', address: 'Salle des fêtes, Aouste' }, t)).toBe(
      'Salle des fêtes, Aouste — La Fabrique (Crest)',
    );
    expect(placeOf({ spaces, locationKind: 'online', address: undefined }, t)).toBe('En ligne — La Fabrique (Crest)');
    expect(placeOf({ spaces: [{ name: 'Tiers-lieu de Die', town: 'Die' }], locationKind: 'space', address: undefined }, t)).toBe(
      'Tiers-lieu de Die',
    );
  });

  it('prints the event, the funders’ mention and numbered rows on numbered, titled pages', async () => {
    const sheet = await printedSheet(
      {
        networkName: 'Tiers-Lieux Drôme',
        programmeName: 'Programme FSE+ 2021-2027',
        fundingMention: 'Ce projet est cofinancé par le Fonds social européen.',
      },
      {
        title: 'Atelier « Réparer son vélo »',
        when: 'samedi 5\u00a0décembre 2026, 14\u00a0h\u00a000 – 17\u00a0h\u00a000',
        place: 'La Fabrique (Crest)',
        organisers: ['Alice Martin', 'Bruno Petit'],
        expected: 30,
      },
    );
    expect(sheet.rows).toBe(36);
    expect(sheet.pages).toBe(2);
    expect(sheet.bytes.length).toBeLessThan(60_000);
    const pdf = await readPdf(sheet.bytes);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.title).toBe('Feuille d’émargement — Atelier « Réparer son vélo »');
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    pdf.pages.forEach((page, i) => {
      expect(flat(page)).toContain('Feuille d’émargement Atelier « Réparer son vélo »');
      expect(flat(page)).toContain('samedi 5 décembre 2026, 14 h 00 – 17 h 00');
      expect(flat(page)).toContain('Cofinancé par l’Union européenne');
      expect(flat(page)).toContain('Ce projet est cofinancé par le Fonds social européen.');
      expect(flat(page)).toContain(`Page ${i + 1} sur 2`);
      expect(flat(page)).toContain('Demandeur·se d’emploi');
    });
    expect(flat(pdf.pages[0] ?? '')).toContain('Lieu : La Fabrique (Crest)');
    expect(flat(pdf.pages[0] ?? '')).toContain('Animation : Alice Martin, Bruno Petit');
    const numbers = [...pdf.text.matchAll(/^\s*(\d+)\s*(?:oui|$)/gm)].map((m) => Number(m[1]));
    expect(Math.max(...numbers)).toBe(36);
  });

  it('prints titles and names the standard font cannot draw as close as it can, never as other letters', async () => {
    const sheet = await printedSheet(
      { networkName: 'Réseau', programmeName: 'FSE+', fundingMention: 'Cofinancé.' },
      {
        // An emoji, as titles typed in Slack often carry; a number grouped by a narrow no-break space.
        title: '🎨 Atelier\u00a0: 1\u202f200 affiches, œuvres… — déjà\u202f?',
        when: 'samedi 5\u00a0décembre 2026',
        place: 'La Fabrique',
        organisers: ['Ștefan Łukasz', 'Zoë Nguyễn'],
        expected: 5,
      },
    );
    const page = (await readPdf(sheet.bytes)).text.replace(/\s+/g, ' ');
    expect(page).toContain('Atelier : 1 200 affiches, œuvres… — déjà ?');
    expect(page).toContain('Animation : Stefan Lukasz, Zoë Nguyen');
    expect(page).not.toMatch(/1 \/200|\uFFFD/);
  });
});
