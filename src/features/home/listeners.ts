// The App Home tab: published when a member opens it (the Home's buttons belong to their features).
import { z } from 'zod';
import type { Services } from '../../services.ts';
import type { Interactions } from '../../slack/interaction.ts';

const homeOpened = z.object({ tab: z.literal('home'), user: z.string() });

export function register(on: Interactions, services: Services): void {
  on.event('app_home_opened', async ({ teamId, event }) => {
    const opened = homeOpened.safeParse(event);
    if (opened.success) await services.home.publish(teamId, opened.data.user);
  });
}
