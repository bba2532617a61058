import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  TIME_ZONE_MESSAGE,
  type OrganisationSettings,
  type OrganisationSettingsChange,
  type OrganisationSettingsField,
  type OrganisationSettingsPatch,
} from '@uptake/contracts';
import { lockOrganisationRollups, timeZoneChangeRefresh } from '@uptake/kpi';
import {
  ActivitySource,
  isPostgresTimeZone,
  Organisation,
  organisationEventSpan,
  RollupRefreshRequestRepository,
  setLocalLockTimeout,
} from '@uptake/persistence';
import { applySourceSchedule, enqueueRollupRefresh, QUEUES, type UptakeQueue } from '@uptake/queues';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';

/** Order of the fields in answers and audit entries. */
const FIELDS: readonly OrganisationSettingsField[] = [
  'name',
  'timeZone',
  'minGroupSize',
  'workingDaysPerYear',
  'defaultHourlyCost',
  'defaultLocale',
  'eventRetentionMonths',
];

/** How long a time-zone change waits for a running rollup refresh of the organisation before giving up. */
const ROLLUP_LOCK_TIMEOUT = '10s';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * An organisation's settings: name, time zone, k and the value-model defaults of business goals. A new time
 * zone moves every day and week boundary, so it queues a refresh of all the organisation's rollups in the
 * transaction that stores it (see `update`). Cell-key perturbation is deliberately not a setting here.
 */
@Injectable()
export class OrganisationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.recompute) private readonly recomputeQueue: UptakeQueue<'recompute'>,
    @InjectQueue(QUEUES.sync) private readonly syncQueue: UptakeQueue<'sync'>,
    private readonly audit: AuditService,
    private readonly refreshes: RollupRefreshRequestRepository,
  ) {}

  async get(organisationId: string): Promise<OrganisationSettings> {
    return toSettings(await this.load(this.dataSource.manager, organisationId));
  }

  /**
   * Applies the fields that differ from the stored ones and audits them (from/to of each). A time-zone change
   * holds the organisation's rollup lock while it commits: a refresh running in the old zone finishes first,
   * and the refresh queued here (before the commit, so a Redis failure changes nothing) starts in the new one.
   */
  async update(
    organisationId: string,
    input: OrganisationSettingsPatch,
    principal: Principal,
  ): Promise<OrganisationSettingsChange> {
    if (
      input.timeZone !== undefined &&
      !(await isPostgresTimeZone(this.dataSource.manager, input.timeZone))
    ) {
      throw new BadRequestException([
        `timeZone ${TIME_ZONE_MESSAGE} (got ${JSON.stringify(input.timeZone)}: unknown to the database)`,
      ]);
    }
    try {
      return await this.dataSource.transaction((manager) =>
        this.apply(manager, organisationId, input, principal),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE
      ) {
        throw new ConflictException(
          'timeZone: a rollup refresh of this organisation is running; try again when it has finished',
        );
      }
      throw error;
    }
  }

  private async apply(
    manager: EntityManager,
    organisationId: string,
    input: OrganisationSettingsPatch,
    principal: Principal,
  ): Promise<OrganisationSettingsChange> {
    const zoneMayChange = input.timeZone !== undefined;
    if (zoneMayChange) {
      await setLocalLockTimeout(manager, ROLLUP_LOCK_TIMEOUT);
      await lockOrganisationRollups(manager, organisationId);
    }
    const before = toSettings(await this.load(manager, organisationId, true));
    const changed = FIELDS.filter((field) => input[field] !== undefined && input[field] !== before[field]);
    if (changed.length === 0) return { settings: before, changed, rollupRefresh: null };
    const patch = Object.fromEntries(changed.map((field) => [field, input[field]]));
    await manager.update(Organisation, { id: organisationId }, patch);
    const after = { ...before, ...patch } as OrganisationSettings;
    await this.audit.record(
      {
        action: 'organisation.settings_changed',
        organisationId,
        principal,
        targetType: 'organisation',
        targetId: organisationId,
        details: Object.fromEntries(
          changed.map((field) => [field, { from: before[field], to: after[field] }]),
        ),
      },
      manager,
    );
    const rollupRefresh = changed.includes('timeZone')
      ? await this.afterTimeZoneChange(manager, organisationId, after.timeZone)
      : null;
    return { settings: after, changed, rollupRefresh };
  }

  /** Queues the full refresh (the same job a sync or a source deletion queues) and moves sync schedules. */
  private async afterTimeZoneChange(
    manager: EntityManager,
    organisationId: string,
    timeZone: string,
  ): Promise<{ from: string; to: string } | null> {
    // Cron schedules of sources run in the organisation's time zone ("daily at 03:00" stays 03:00 local).
    const sources = await manager.getRepository(ActivitySource).find({ where: { organisationId } });
    for (const source of sources) await applySourceSchedule(this.syncQueue, source, timeZone);
    const span = await organisationEventSpan(manager, organisationId);
    if (!span) return null;
    const range = timeZoneChangeRefresh(span);
    // Recorded in the change's transaction: if its job is lost, the worker's reconciler queues it again.
    const request = await this.refreshes.create(
      { organisationId, from: new Date(range.from), to: new Date(range.to), reason: 'time-zone-changed' },
      manager,
    );
    await enqueueRollupRefresh(this.recomputeQueue, request);
    return range;
  }

  private async load(
    manager: EntityManager,
    organisationId: string,
    forUpdate = false,
  ): Promise<Organisation> {
    const organisation = await manager.getRepository(Organisation).findOne({
      where: { id: organisationId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!organisation) throw new NotFoundException(`Organisation ${organisationId} not found`);
    return organisation;
  }
}

function toSettings(organisation: Organisation): OrganisationSettings {
  return {
    id: organisation.id,
    name: organisation.name,
    timeZone: organisation.timeZone,
    minGroupSize: organisation.minGroupSize,
    workingDaysPerYear: organisation.workingDaysPerYear,
    defaultHourlyCost: organisation.defaultHourlyCost,
    defaultLocale: organisation.defaultLocale,
    eventRetentionMonths: organisation.eventRetentionMonths,
  };
}
