// The European Union's emblem, drawn as vector graphics (no image file): twelve gold
// five-pointed stars on a blue rectangle, with the official geometry — the flag is one and a
// half times as wide as it is high; the stars stand on an invisible circle whose radius is a
// third of the height, placed like the hours on a clock face, each with one point straight
// up, each star's outer radius a eighteenth of the height.

export const EMBLEM_BLUE = '#003399';
export const EMBLEM_GOLD = '#FFCC00';

export interface Point {
  x: number;
  y: number;
}

export interface Emblem {
  /** The blue rectangle, its top-left corner at (x, y); y grows downwards, as on a PDF page. */
  flag: { x: number; y: number; width: number; height: number };
  /** Each star's centre and its ten corners (outer and inner in turn, the first one on top). */
  stars: { centre: Point; corners: Point[] }[];
}

/** A regular five-pointed star's inner radius, in parts of its outer radius: 1/φ². */
export const STAR_INNER_RATIO = (3 - Math.sqrt(5)) / 2;

export function euEmblem(x: number, y: number, width: number): Emblem {
  const height = (width * 2) / 3;
  const centre = { x: x + width / 2, y: y + height / 2 };
  const ring = height / 3;
  const outer = height / 18;
  const inner = outer * STAR_INNER_RATIO;
  const stars = Array.from({ length: 12 }, (_, hour) => {
    const angle = (hour * Math.PI) / 6;
    const c = { x: centre.x + ring * Math.sin(angle), y: centre.y - ring * Math.cos(angle) };
    const corners = Array.from({ length: 10 }, (_, k) => {
      const r = k % 2 === 0 ? outer : inner;
      const a = (k * Math.PI) / 5;
      return { x: c.x + r * Math.sin(a), y: c.y - r * Math.cos(a) };
    });
    return { centre: c, corners };
  });
  return { flag: { x, y, width, height }, stars };
}
