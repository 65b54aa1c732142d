import type { EntityManager } from 'typeorm';
import { Referral } from '../referral.entity';

/**
 * Copies an application's referrals (declined ones stay behind) to the application it was rerouted
 * to, as they stand, each naming the referral it came from; in the caller's transaction. Returns
 * each original with its copy.
 */
export async function carryReferrals(em: EntityManager, userId: string, fromApplicationId: string, toApplicationId: string): Promise<{ from: string; to: string }[]> {
  const referrals = await em.find(Referral, { where: { applicationId: fromApplicationId, userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  const carried = referrals.filter((r) => r.status !== 'declined');
  if (!carried.length) return [];
  const copies = carried.map((r) =>
    em.create(Referral, { userId: r.userId, applicationId: toApplicationId, referrerId: r.referrerId, recruiterId: r.recruiterId, status: r.status, statusDates: { ...r.statusDates }, notes: r.notes, carriedFromId: r.id }),
  );
  await em.insert(Referral, copies);
  return carried.map((r, i) => ({ from: r.id, to: copies[i].id }));
}
