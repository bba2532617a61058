import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MAX_INTERVENTIONS,
  type InterventionBody,
  type InterventionsQuery,
  type InterventionTarget,
  type InterventionView,
} from '@uptake/contracts';
import { Intervention } from '@uptake/persistence';
import { Between, LessThanOrEqual, MoreThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { DateBounds } from '../common/date-bounds';

/** Where the ids of a target live, and how a missing one is named. */
const TARGET_TABLES = [
  { field: 'orgUnitIds', table: 'org_units', label: 'Org unit' },
  { field: 'groupIds', table: 'groups', label: 'Group' },
] as const;

export function toInterventionView(intervention: Intervention): InterventionView {
  return {
    id: intervention.id,
    day: intervention.day,
    kind: intervention.kind,
    title: intervention.title,
    note: intervention.note,
    target: {
      orgUnitIds: [...(intervention.target.orgUnitIds ?? [])],
      groupIds: [...(intervention.target.groupIds ?? [])],
    },
    createdAt: intervention.createdAt.toISOString(),
    updatedAt: intervention.updatedAt.toISOString(),
  };
}

/**
 * The organisation's dated log of interventions (trainings, campaigns, leadership posts) with the people
 * each was aimed at: at most MAX_INTERVENTIONS, their targets inside the organisation, every change audited.
 */
@Injectable()
export class InterventionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bounds: DateBounds,
  ) {}

  /** Oldest day first; at most MAX_INTERVENTIONS (all an organisation may keep). */
  async list(organisationId: string, query: InterventionsQuery = {}): Promise<InterventionView[]> {
    if (query.from && query.to && query.from > query.to) {
      throw new BadRequestException(`from (${query.from}) must not be after to (${query.to})`);
    }
    const day =
      query.from && query.to
        ? Between(query.from, query.to)
        : query.from
          ? MoreThanOrEqual(query.from)
          : query.to
            ? LessThanOrEqual(query.to)
            : undefined;
    const rows = await this.dataSource.getRepository(Intervention).find({
      where: { organisationId, ...(day ? { day } : {}) },
      order: { day: 'ASC', createdAt: 'ASC' },
      take: MAX_INTERVENTIONS,
    });
    return rows.map(toInterventionView);
  }

  /** 409 beyond MAX_INTERVENTIONS: counted under a lock on the organisation, so two requests cannot pass it. */
  async create(
    organisationId: string,
    body: InterventionBody,
    principal: Principal,
  ): Promise<InterventionView> {
    await this.check(organisationId, body);
    const saved = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE', [organisationId]);
      const count = await manager.getRepository(Intervention).countBy({ organisationId });
      if (count >= MAX_INTERVENTIONS) {
        throw new ConflictException(
          `An organisation keeps at most ${MAX_INTERVENTIONS} interventions: delete old ones first`,
        );
      }
      const intervention = await manager.getRepository(Intervention).save({
        organisationId,
        ...fieldsOf(body),
        createdBy: principal.userId,
      });
      await this.record(manager, 'intervention.created', organisationId, principal, intervention);
      return intervention;
    });
    return toInterventionView(await this.get(organisationId, saved.id));
  }

  /** Replaces the whole intervention (PUT). */
  async replace(
    organisationId: string,
    interventionId: string,
    body: InterventionBody,
    principal: Principal,
  ): Promise<InterventionView> {
    const existing = await this.get(organisationId, interventionId);
    await this.check(organisationId, body);
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.getRepository(Intervention).save({ ...existing, ...fieldsOf(body) });
      await this.record(manager, 'intervention.updated', organisationId, principal, updated);
    });
    return toInterventionView(await this.get(organisationId, interventionId));
  }

  async remove(organisationId: string, interventionId: string, principal: Principal): Promise<void> {
    const existing = await this.get(organisationId, interventionId);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Intervention).delete({ id: interventionId, organisationId });
      await this.record(manager, 'intervention.deleted', organisationId, principal, existing);
    });
  }

  async get(organisationId: string, interventionId: string): Promise<Intervention> {
    const intervention = await this.dataSource
      .getRepository(Intervention)
      .findOneBy({ id: interventionId, organisationId });
    if (!intervention) throw new NotFoundException(`Intervention ${interventionId} not found`);
    return intervention;
  }

  /** The day is not after tomorrow (UTC) and every target id is the organisation's. */
  private async check(organisationId: string, body: InterventionBody): Promise<void> {
    this.bounds.assertReportDay('day', body.day);
    await this.assertTargetBelongs(organisationId, body.target);
  }

  /**
   * Every org unit and group of a target must be the organisation's: another organisation's id is a 404
   * naming the field, like an id that does not exist; an id listed twice is a 400.
   */
  private async assertTargetBelongs(organisationId: string, target: InterventionTarget): Promise<void> {
    for (const { field, table, label } of TARGET_TABLES) {
      const ids = target[field];
      const twice = ids.findIndex((id, index) => ids.indexOf(id) !== index);
      if (twice >= 0)
        throw new BadRequestException(`target.${field}[${twice}]: ${ids[twice]} is listed twice`);
      if (ids.length === 0) continue;
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM ${table} WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
        [organisationId, ids],
      );
      const found = new Set(rows.map((row) => row.id));
      const missing = ids.findIndex((id) => !found.has(id));
      if (missing >= 0) {
        throw new NotFoundException(`target.${field}[${missing}]: ${label} ${ids[missing]} not found`);
      }
    }
  }

  private record(
    manager: EntityManager,
    action: 'intervention.created' | 'intervention.updated' | 'intervention.deleted',
    organisationId: string,
    principal: Principal,
    intervention: Pick<Intervention, 'id' | 'day' | 'kind'>,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        organisationId,
        principal,
        targetType: 'intervention',
        targetId: intervention.id,
        details: { day: intervention.day, kind: intervention.kind },
      },
      manager,
    );
  }
}

function fieldsOf(body: InterventionBody): Pick<Intervention, 'day' | 'kind' | 'title' | 'note' | 'target'> {
  return {
    day: body.day,
    kind: body.kind,
    title: body.title,
    note: body.note ?? '',
    target: { orgUnitIds: [...body.target.orgUnitIds], groupIds: [...body.target.groupIds] },
  };
}
