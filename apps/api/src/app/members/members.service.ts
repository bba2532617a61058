import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Membership, MembershipRepository, type MemberRow, type Role } from '@uptake/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessTokensService } from '../auth/access-tokens.service';
import type { Principal } from '../auth/principal';

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: AccessTokensService,
    private readonly memberships: MembershipRepository,
  ) {}

  list(organisationId: string): Promise<MemberRow[]> {
    return this.memberships.members(organisationId);
  }

  async changeRole(
    organisationId: string,
    userId: string,
    role: Role,
    principal: Principal,
  ): Promise<MemberRow> {
    const previous = await this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, organisationId, userId);
      if (membership.role === 'admin' && role !== 'admin')
        await this.assertAnotherAdmin(manager, organisationId);
      await manager.update(Membership, { organisationId, userId }, { role });
      return membership.role;
    });
    await this.audit.record({
      action: 'member.role_changed',
      organisationId,
      principal,
      targetType: 'user',
      targetId: userId,
      details: { from: previous, to: role },
    });
    const member = (await this.list(organisationId)).find((m) => m.userId === userId);
    if (!member) throw new NotFoundException(`Member ${userId} not found`);
    return member;
  }

  async remove(organisationId: string, userId: string, principal: Principal): Promise<void> {
    const role = await this.dataSource.transaction(async (manager) => {
      const membership = await this.lockMembership(manager, organisationId, userId);
      if (membership.role === 'admin') await this.assertAnotherAdmin(manager, organisationId);
      await manager.delete(Membership, { organisationId, userId });
      return membership.role;
    });
    // Their tokens already stop working (a token acts with its creator's current role); revoking them too
    // means they do not come back if the person is invited again.
    const tokensRevoked = await this.tokens.revokeCreatedBy(organisationId, userId);
    await this.audit.record({
      action: 'member.removed',
      organisationId,
      principal,
      targetType: 'user',
      targetId: userId,
      details: { role, tokensRevoked },
    });
  }

  private async lockMembership(
    manager: EntityManager,
    organisationId: string,
    userId: string,
  ): Promise<Membership> {
    const membership = await manager.findOne(Membership, {
      where: { organisationId, userId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!membership) throw new NotFoundException(`Member ${userId} not found`);
    return membership;
  }

  private async assertAnotherAdmin(manager: EntityManager, organisationId: string): Promise<void> {
    // Lock every admin row, so two concurrent demotions cannot both see "another admin".
    const admins = await manager.find(Membership, {
      where: { organisationId, role: 'admin' },
      lock: { mode: 'pessimistic_write' },
    });
    if (admins.length <= 1) throw new ConflictException('An organisation keeps at least one admin');
  }
}
