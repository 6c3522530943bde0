// Closed vocabularies (formats, statuses, kinds…) are stored as plain strings: one parser reads them back.

/** Whether `value` is one of the words of `list`. */
export function isOneOf<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return value !== undefined && value !== null && (list as readonly string[]).includes(value);
}

/** `value` when it is one of the words of `list`, otherwise `fallback`. */
export function oneOf<T extends string>(list: readonly T[], value: string | null | undefined, fallback: T): T {
  return isOneOf(list, value) ? value : fallback;
}
