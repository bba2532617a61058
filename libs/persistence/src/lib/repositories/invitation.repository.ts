import type { DataSource, EntityManager } from 'typeorm';
import { Invitation } from '../entities/invitation.entity';

/** Invitations to join an organisation. */
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The invitation of this link if it can still be accepted; `lock` holds it until the transaction ends. */
  findOpen(
    tokenHash: Buffer,
    lock: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Invitation | null> {
    const query = manager
      .createQueryBuilder(Invitation, 'invitation')
      .where('invitation.token_hash = :hash', { hash: tokenHash })
      .andWhere('invitation.accepted_at IS NULL AND invitation.revoked_at IS NULL')
      .andWhere('invitation.expires_at > now()');
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
