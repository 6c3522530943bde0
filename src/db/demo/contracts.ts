// Demo contracts: one per demo animator, at different stages, some near a milestone.
import type { Db } from '../../db/client.ts';
import { milestonesFor } from '../../features/contracts/milestones.ts';
import type { ContractType, Prescriber } from '../../features/contracts/vocabulary.ts';
import { addDays, type IsoDate } from '../../time/calendar-date.ts';
import { DEMO_MEMBERS } from './network.ts';

export async function seedDemoContracts(db: Db, teamId: string, today: IsoDate): Promise<number> {
  if ((await db.contract.count({ where: { teamId } })) > 0) return 0;
  const animators = DEMO_MEMBERS.filter((m) => m.role === 'animateur');
  const spaces = await db.space.findMany({ where: { teamId }, orderBy: { id: 'asc' } });
  // Days left before the end: spread over a year, a few right before a milestone.
  const daysLeft = [5, 29, 58, 89, 121, 150, 200, 240, 300, 340];
  const prescribers: Prescriber[] = ['france_travail', 'mission_locale', 'cap_emploi', 'france_travail', 'departement'];
  let count = 0;
  for (const [i, member] of animators.entries()) {
    const endDate = addDays(today, daysLeft[i % daysLeft.length] ?? 100);
    const startDate = addDays(endDate, -364);
    const type: ContractType = i % 5 === 4 ? 'cdd' : i % 2 === 0 ? 'pec' : 'cui_cae';
    const previous =
      i % 3 === 0
        ? await db.contract.create({
            data: {
              teamId,
              userId: member.userId,
              spaceId: spaces[i % Math.max(1, spaces.length)]?.id ?? null,
              type,
              startDate: addDays(startDate, -365),
              endDate: addDays(startDate, -1),
              weeklyHours: 26,
              prescriber: prescribers[i % prescribers.length] ?? 'france_travail',
              decision: 'renewed',
              createdBy: 'U0DEMO0001',
            },
          })
        : undefined;
    const contract = await db.contract.create({
      data: {
        teamId,
        userId: member.userId,
        spaceId: spaces[i % Math.max(1, spaces.length)]?.id ?? null,
        type,
        startDate,
        endDate,
        weeklyHours: type === 'cdd' ? 35 : 26,
        prescriber: prescribers[i % prescribers.length] ?? 'france_travail',
        ...(previous ? { previousId: previous.id } : {}),
        createdBy: 'U0DEMO0001',
      },
    });
    // What would have been sent before today is recorded, so that nothing is caught up.
    for (const m of milestonesFor({ startDate, endDate, leadTimeDays: 45 }).filter((x) => x.sendDate < today)) {
      await db.contractMilestone.create({
        data: { contractId: contract.id, key: m.key, dueDate: m.sendDate, status: 'sent', sentAt: new Date(`${m.sendDate}T08:00:00Z`) },
      });
    }
    count += previous ? 2 : 1;
  }
  return count;
}
