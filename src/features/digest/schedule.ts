/** The weekly digest's schedule until a coordinator sets another in /reseau: Monday 09:00. */
export const DEFAULT_DIGEST_CRON = '0 9 * * 1';
