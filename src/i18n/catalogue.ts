import type { fr } from './fr.ts';

/** The shape every catalogue must have: French is the reference. */
export type Catalogue = { [K in keyof typeof fr]: (typeof fr)[K] };
export type MessageKey = keyof Catalogue;
export type MessageParams<K extends MessageKey> = Catalogue[K] extends (p: infer P) => string ? [params: P] : [];
/** Keys of the texts that take no parameter (labels). */
export type LabelKey = { [K in MessageKey]: Catalogue[K] extends string ? K : never }[MessageKey];
