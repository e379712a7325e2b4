// Who a signed-in staff session acts as: its user, while the account is active. A deactivated
// user's sessions stop working on their next request.
import type { DbOrTrx } from '../../db/database.ts';
import type { StaffActor } from '../../platform/actor.ts';
import { findUser } from './queries.ts';

export async function staffActorForUser(db: DbOrTrx, userId: string): Promise<StaffActor | null> {
  const user = await findUser(db, userId);
  if (!user?.active) return null;
  return { type: 'staff', userId: user.id, name: user.name, email: user.email, role: user.role };
}
