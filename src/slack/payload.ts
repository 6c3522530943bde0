// Reading what every interaction payload carries, in one place.

/** The workspace of a block action or view submission. */
export function teamOf(body: { team?: { id: string } | null; user: { team_id?: string } }): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

/** The value of a clicked button ('' when the element has none). */
export function actionValue(action: object): string {
  return 'value' in action && typeof action.value === 'string' ? action.value : '';
}
