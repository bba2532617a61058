import { User } from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';

/**
 * Operators (OPERATOR_EMAILS) see what spans all organisations: the queue board, the spool. They are
 * signed-in users; API tokens never are.
 */
export async function isOperator(
  dataSource: DataSource,
  operatorEmails: readonly string[],
  principal: Principal | undefined,
): Promise<boolean> {
  if (principal?.kind !== 'session' || !principal.userId) return false;
  const user = await dataSource.getRepository(User).findOneBy({ id: principal.userId });
  return Boolean(user && operatorEmails.includes(user.email));
}
