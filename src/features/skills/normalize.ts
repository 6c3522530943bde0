// Skill tags: "Impression 3D", "impression 3d" and "  Impression   3D " are one tag.
import { withoutAccents } from '../../search.ts';

export const SKILL_MAX_LENGTH = 40;
export const SKILLS_PER_MEMBER = 30;

/** The form used to compare and match: lower case, no accents, single spaces. */
export function normalizeSkill(label: string): string {
  return withoutAccents(label)
    .replace(/[^\p{L}\p{N}+#.]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The form shown: trimmed, single spaces, as typed. */
export function cleanLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

/** Splits free text ("Arduino, impression 3D; Canva") into labels. */
export function splitSkills(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map(cleanLabel)
    .filter((s) => s !== '');
}
