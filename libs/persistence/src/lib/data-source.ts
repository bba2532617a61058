import { DataSource, type DataSourceOptions } from 'typeorm';
import { ActivityEvent } from './entities/activity-event.entity';
import { BusinessGoal } from './entities/business-goal.entity';
import { ActivitySource } from './entities/data-source.entity';
import { Group, GroupMember } from './entities/group.entity';
import { Organisation } from './entities/organisation.entity';
import { OrgUnit } from './entities/org-unit.entity';
import { Person } from './entities/person.entity';
import {
  GuidelineAcknowledgement,
  RolloutGateEvaluation,
  RolloutPhase,
  RolloutPlan,
  RolloutTransition,
  UsageGuideline,
} from './entities/rollout.entity';
import { QuarantinedRecord, SyncRun } from './entities/sync-run.entity';
import { AccessToken, AuditEvent, Membership, User } from './entities/user.entity';
import { Invitation } from './entities/invitation.entity';
import { OrganisationSso, UserIdentity } from './entities/sso.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { AccessControl1764100000000 } from './migrations/1764100000000-access-control';
import { Ingestion1764200000000 } from './migrations/1764200000000-ingestion';
import { KpiRollups1764300000000 } from './migrations/1764300000000-kpi-rollups';
import { Rollouts1764400000000 } from './migrations/1764400000000-rollouts';
import { KpiPeriodRollups1764500000000 } from './migrations/1764500000000-kpi-period-rollups';
import { DirectoryVersions1764600000000 } from './migrations/1764600000000-directory-versions';
import { Invitations1764700000000 } from './migrations/1764700000000-invitations';
import { DisclosureControl1765000000000 } from './migrations/1765000000000-disclosure-control';
import { OrganisationSettings1765100000000 } from './migrations/1765100000000-organisation-settings';
import { ActivityDefinition1765200000000 } from './migrations/1765200000000-activity-definition';
import { UsageReportCounts1765300000000 } from './migrations/1765300000000-usage-report-counts';
import { ThreadDetails1765400000000 } from './migrations/1765400000000-thread-details';
import { GroupPersonMonth1765500000000 } from './migrations/1765500000000-group-person-month';
import { BusinessCase1765600000000 } from './migrations/1765600000000-business-case';
import { Intervention } from './entities/intervention.entity';
import { Sso1765700000000 } from './migrations/1765700000000-sso';
import { Locales1765800000000 } from './migrations/1765800000000-locales';
import { Notifications1765900000000 } from './migrations/1765900000000-notifications';
import { PartitionedActivityEvents1766000000000 } from './migrations/1766000000000-partitioned-activity-events';
import { KpiReportSnapshots1766100000000 } from './migrations/1766100000000-kpi-report-snapshots';
import { SyncRunRefreshIndex1766200000000 } from './migrations/1766200000000-sync-run-refresh-index';
import { RollupRefreshRequests1766300000000 } from './migrations/1766300000000-rollup-refresh-requests';
import { EventRetention1766400000000 } from './migrations/1766400000000-event-retention';
import { UnchangedDirectoryRows1766500000000 } from './migrations/1766500000000-unchanged-directory-rows';
import { EventIndexDiet1766600000000 } from './migrations/1766600000000-event-index-diet';
import { TimeFirstEventKey1766700000000 } from './migrations/1766700000000-time-first-event-key';
import {
  AlertRule,
  NotificationChannelSecret,
  NotificationDelivery,
  NotificationSetting,
} from './entities/notification.entity';
import { SnakeNamingStrategy } from './naming-strategy';

export const ENTITIES = [
  Organisation,
  OrgUnit,
  Person,
  Group,
  GroupMember,
  ActivitySource,
  SyncRun,
  ActivityEvent,
  RolloutPlan,
  RolloutPhase,
  RolloutGateEvaluation,
  RolloutTransition,
  UsageGuideline,
  GuidelineAcknowledgement,
  BusinessGoal,
  Intervention,
  QuarantinedRecord,
  User,
  Membership,
  AccessToken,
  AuditEvent,
  Invitation,
  OrganisationSso,
  UserIdentity,
  NotificationSetting,
  AlertRule,
  NotificationChannelSecret,
  NotificationDelivery,
];

/** In order; each runs in its own transaction. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  AccessControl1764100000000,
  Ingestion1764200000000,
  KpiRollups1764300000000,
  Rollouts1764400000000,
  KpiPeriodRollups1764500000000,
  DirectoryVersions1764600000000,
  Invitations1764700000000,
  DisclosureControl1765000000000,
  OrganisationSettings1765100000000,
  ActivityDefinition1765200000000,
  UsageReportCounts1765300000000,
  ThreadDetails1765400000000,
  GroupPersonMonth1765500000000,
  BusinessCase1765600000000,
  Sso1765700000000,
  Locales1765800000000,
  Notifications1765900000000,
  PartitionedActivityEvents1766000000000,
  KpiReportSnapshots1766100000000,
  SyncRunRefreshIndex1766200000000,
  RollupRefreshRequests1766300000000,
  EventRetention1766400000000,
  UnchangedDirectoryRows1766500000000,
  EventIndexDiet1766600000000,
  TimeFirstEventKey1766700000000,
];

/** TypeORM options shared by the API, the worker, the launcher and tests. Schema changes only by migration. */
export function dataSourceOptions(
  databaseUrl: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    extra: { max: 10 },
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(
  databaseUrl: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, overrides));
}

/** Applies pending migrations and returns their names. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
