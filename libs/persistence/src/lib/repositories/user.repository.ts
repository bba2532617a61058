import type { DataSource } from 'typeorm';
import { User } from '../entities/user.entity';

/** Accounts. */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The account with its password hash, which is never selected otherwise. */
  withPasswordHash(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }
}
