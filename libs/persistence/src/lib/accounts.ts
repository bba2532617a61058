import type { DataSource } from 'typeorm';
import { Membership, User, type Role } from './entities/user.entity';

/**
 * Creates the account when missing (with this password hash) and gives it `role` in the organisation.
 * An existing account keeps its password: a bootstrap command must never silently reset one.
 */
export async function ensureMember(
  dataSource: DataSource,
  input: { email: string; passwordHash: () => Promise<string>; organisationId: string; role: Role },
): Promise<{ user: User; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  return dataSource.transaction(async (manager) => {
    let user = await manager.findOneBy(User, { email });
    const created = !user;
    user ??= await manager.save(User, { email, passwordHash: await input.passwordHash() });
    await manager.upsert(
      Membership,
      { organisationId: input.organisationId, userId: user.id, role: input.role },
      ['organisationId', 'userId'],
    );
    return { user, created };
  });
}
