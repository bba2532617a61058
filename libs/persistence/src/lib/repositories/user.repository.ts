import type { Locale } from '@uptake/contracts';
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

  /**
   * The account's own language (null: none chosen) and the default language of an organisation (the first
   * the caller acts in; null without one): the two inputs of `effectiveLocale`.
   */
  async locales(
    userId: string | null,
    organisationId: string | undefined,
  ): Promise<{ preferred: Locale | null; organisationDefault: Locale | null }> {
    const [row]: { preferred: Locale | null; organisationDefault: Locale | null }[] =
      await this.dataSource.query(
        `SELECT (SELECT locale FROM users WHERE id = $1) AS preferred,
              (SELECT default_locale FROM organisations WHERE id = $2) AS "organisationDefault"`,
        [userId, organisationId ?? null],
      );
    return { preferred: row?.preferred ?? null, organisationDefault: row?.organisationDefault ?? null };
  }

  /** Sets (or clears, with null) the account's own language. */
  async setLocale(userId: string, locale: Locale | null): Promise<void> {
    await this.dataSource.getRepository(User).update(userId, { locale });
  }
}
