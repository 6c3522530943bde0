import type { RespondFn } from '@slack/bolt';

/**
 * A private answer through the interaction's response_url. Interactions from the App Home or
 * a modal have none (Bolt gives no `respond` then): those surfaces only offer what the user may do.
 */
export async function respondPrivately(respond: RespondFn | undefined, text: string): Promise<void> {
  if (!respond) return;
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
}
