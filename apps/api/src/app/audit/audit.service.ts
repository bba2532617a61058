import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEvent, AuditEventRepository } from '@uptake/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.login_throttled'
  | 'auth.logout'
  | 'auth.sign_out_everywhere'
  | 'auth.login_sso_required'
  | 'auth.sso_break_glass'
  | 'auth.sso_login'
  | 'auth.sso_login_failed'
  | 'member.sso_joined'
  | 'sso.settings_changed'
  | 'sso.settings_removed'
  | 'member.added'
  | 'member.invited'
  | 'member.joined'
  | 'invitation.revoked'
  | 'member.role_changed'
  | 'member.removed'
  | 'api_token.created'
  | 'api_token.revoked'
  | 'source.created'
  | 'source.updated'
  | 'source.deleted'
  | 'source.sync_requested'
  | 'source.connection_tested'
  | 'rollout.phase_advanced'
  | 'organisation.settings_changed'
  | 'intervention.created'
  | 'intervention.updated'
  | 'intervention.deleted'
  | 'goal.measurement_set'
  | 'goal.measurement_removed'
  | 'goal.baseline_frozen'
  | 'goal.baseline_removed'
  | 'rollout.programme_cost_set'
  | 'report.exported'
  | 'notifications.channel_changed'
  | 'notifications.channel_removed';

export interface AuditEntry {
  action: AuditAction;
  organisationId?: string | null;
  principal?: Principal;
  actorUserId?: string | null;
  targetType?: string;
  targetId?: string;
  /** Never secrets or passwords; e-mails only where the action is about that account. */
  details?: Record<string, unknown>;
  ip?: string;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository,
  ) {}

  /** `manager`: record inside that transaction (the entry then exists exactly if the change does). */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(AuditEvent).save({
      action: entry.action,
      organisationId: entry.organisationId ?? null,
      actorUserId: entry.actorUserId ?? entry.principal?.userId ?? null,
      actorTokenId: entry.principal?.tokenId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
      ip: entry.ip ?? null,
    });
  }

  list(organisationId: string, options: { limit: number; before?: string }): Promise<AuditEvent[]> {
    return this.events.page(organisationId, options);
  }
}
