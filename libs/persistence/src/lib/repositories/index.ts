import type { DataSource } from 'typeorm';
import { AccessTokenRepository } from './access-token.repository';
import { ActivityEventRepository } from './activity-event.repository';
import { ActivitySourceRepository } from './activity-source.repository';
import { AuditEventRepository } from './audit-event.repository';
import { DatabaseHealthRepository } from './database-health.repository';
import { DirectoryRepository } from './directory.repository';
import { InvitationRepository } from './invitation.repository';
import { MembershipRepository } from './membership.repository';
import { NotificationReadsRepository } from './notification-reads.repository';
import { NotificationRepository } from './notification.repository';
import { OrganisationRepository } from './organisation.repository';
import { RolloutRepository } from './rollout.repository';
import { RollupRefreshRequestRepository } from './rollup-refresh-request.repository';
import { SsoRepository } from './sso.repository';
import { UsageGuidelineRepository } from './usage-guideline.repository';
import { UserRepository } from './user.repository';

export * from './access-token.repository';
export * from './activity-event.repository';
export * from './activity-source.repository';
export * from './audit-event.repository';
export * from './database-health.repository';
export * from './directory.repository';
export * from './invitation.repository';
export * from './membership.repository';
export * from './notification-reads.repository';
export * from './notification.repository';
export * from './organisation.repository';
export * from './rollout.repository';
export * from './rollup-refresh-request.repository';
export * from './sso.repository';
export * from './usage-guideline.repository';
export * from './user.repository';

/**
 * Every repository class, each built from the DataSource alone: an application provides them all at once
 * (the API's PersistenceModule) without this library knowing the framework.
 */
export const REPOSITORIES: readonly (new (dataSource: DataSource) => object)[] = [
  AccessTokenRepository,
  ActivityEventRepository,
  ActivitySourceRepository,
  AuditEventRepository,
  DatabaseHealthRepository,
  DirectoryRepository,
  InvitationRepository,
  MembershipRepository,
  NotificationReadsRepository,
  NotificationRepository,
  OrganisationRepository,
  RolloutRepository,
  RollupRefreshRequestRepository,
  SsoRepository,
  UsageGuidelineRepository,
  UserRepository,
];
