import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import {
  alertKindsForRole,
  digestSectionsForRole,
  NOTIFICATION_LIMITS,
  type AlertCondition,
  type AlertRuleInputParsed,
  type AlertRuleView,
  type DeliveriesQuery,
  type DeliveryView,
  type DigestPreview,
  type NotificationSettings,
  type NotificationSettingsInputParsed,
  type Role,
} from '@uptake/contracts';
import { KpiReports } from '@uptake/kpi';
import {
  composeDigest,
  digestScheduleOf,
  digestSince,
  DigestLoader,
  memberLocale,
  nextDigestDue,
  quietHoursOf,
} from '@uptake/notifications';
import {
  ActivitySource,
  DirectoryRepository,
  NotificationRepository,
  RolloutPlan,
  type AlertRule,
  type NotificationMember,
} from '@uptake/persistence';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inRenderSlot } from '../common/render-slot';
import { UPTAKE_CONFIG } from '../config/config.module';
import { toAlertRuleView, toDeliveryView } from './notification-views';

/** The member a "my notifications" request is about: a signed-in account (an API token has no inbox). */
export interface Caller {
  userId: string;
  role: Role;
}

export function callerOf(principal: Principal, organisationId: string): Caller {
  const role = principal.roles.get(organisationId);
  if (principal.kind !== 'session' || !principal.userId || !role) {
    throw new ForbiddenException('Notifications belong to a signed-in member; an API token has none');
  }
  return { userId: principal.userId, role };
}

function badRequest(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });
}

/** A member's digest settings and alert rules, the delivery log, and the digest preview. */
@Injectable()
export class NotificationsService {
  private readonly loader: DigestLoader;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly notifications: NotificationRepository,
    private readonly directory: DirectoryRepository,
    reports: KpiReports,
  ) {
    this.loader = new DigestLoader(dataSource, reports);
  }

  async settings(organisationId: string, caller: Caller, now = new Date()): Promise<NotificationSettings> {
    return this.settingsView(await this.member(organisationId, caller), now);
  }

  async saveSettings(
    organisationId: string,
    caller: Caller,
    input: NotificationSettingsInputParsed,
  ): Promise<NotificationSettings> {
    const member = await this.member(organisationId, caller);
    const saved = await this.notifications.saveSettings({
      organisationId,
      userId: caller.userId,
      digestEnabled: input.digest.enabled,
      digestFrequency: input.digest.frequency,
      digestDayOfWeek: input.digest.dayOfWeek,
      digestTime: input.digest.time,
      quietStart: input.quietHours?.start ?? null,
      quietEnd: input.quietHours?.end ?? null,
    });
    return this.settingsView({ ...member, settings: saved }, new Date());
  }

  async rules(organisationId: string, caller: Caller): Promise<AlertRuleView[]> {
    return (await this.notifications.rules(organisationId, caller.userId)).map(toAlertRuleView);
  }

  async createRule(
    organisationId: string,
    caller: Caller,
    input: AlertRuleInputParsed,
  ): Promise<AlertRuleView> {
    await this.checkRule(organisationId, caller, input);
    const created = await this.notifications.insertRule(
      {
        organisationId,
        userId: caller.userId,
        name: input.name,
        kind: input.condition.kind,
        condition: input.condition,
        channels: input.channels,
        enabled: input.enabled,
        mutedUntil: input.mutedUntil ? new Date(input.mutedUntil) : null,
        state: { since: new Date().toISOString() },
      },
      NOTIFICATION_LIMITS.alertRulesPerMember,
    );
    if (!created) {
      throw badRequest(
        `a member has at most ${NOTIFICATION_LIMITS.alertRulesPerMember} alert rules: delete one first`,
      );
    }
    return toAlertRuleView(created);
  }

  /**
   * Replaces a rule. A changed condition, or a rule switched back on, starts watching afresh (from now,
   * threshold side unknown), so it neither replays what happened meanwhile nor keeps a stale crossing.
   */
  async updateRule(
    organisationId: string,
    caller: Caller,
    ruleId: string,
    input: AlertRuleInputParsed,
  ): Promise<AlertRuleView> {
    const rule = await this.rule(organisationId, caller, ruleId);
    await this.checkRule(organisationId, caller, input);
    const restart =
      JSON.stringify(rule.condition) !== JSON.stringify(input.condition) || (!rule.enabled && input.enabled);
    const saved = await this.notifications.saveRule({
      ...rule,
      name: input.name,
      kind: input.condition.kind,
      condition: input.condition,
      channels: input.channels,
      enabled: input.enabled,
      mutedUntil: input.mutedUntil ? new Date(input.mutedUntil) : null,
      state: restart ? { since: new Date().toISOString() } : rule.state,
    });
    return toAlertRuleView(saved);
  }

  async deleteRule(organisationId: string, caller: Caller, ruleId: string): Promise<void> {
    if (!(await this.notifications.deleteRule(organisationId, caller.userId, ruleId))) {
      throw new NotFoundException(`Alert rule ${ruleId} not found`);
    }
  }

  /** The delivery log: an admin sees the organisation's, anyone else their own. */
  async deliveries(
    organisationId: string,
    principal: Principal,
    query: DeliveriesQuery,
  ): Promise<DeliveryView[]> {
    const isAdmin = principal.roles.get(organisationId) === 'admin';
    const userId = isAdmin ? null : callerOf(principal, organisationId).userId;
    const rows = await this.notifications.deliveries(organisationId, { ...query, userId });
    return rows.map(toDeliveryView);
  }

  /** The caller's digest as it would be sent now (the last week, or day), not sent. */
  async preview(organisationId: string, caller: Caller, now = new Date()): Promise<DigestPreview> {
    const member = await this.member(organisationId, caller);
    const schedule = digestScheduleOf(member.settings);
    const sections = digestSectionsForRole(member.role);
    const locale = memberLocale(member);
    const data = await this.loader.load(organisationId, sections, {
      frequency: schedule.frequency,
      since: digestSince(schedule.frequency, now),
      now,
    });
    const mail = await inRenderSlot(() =>
      composeDigest(data, { locale, sections, publicUrl: this.config.publicUrl }),
    );
    return {
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      sections: [...sections],
      locale,
      images: mail.images.map((image) => ({
        cid: image.cid,
        contentType: image.contentType,
        dataUri: `data:${image.contentType};base64,${image.content.toString('base64')}`,
      })),
      dashboardUrl: mail.link,
    };
  }

  private async member(organisationId: string, caller: Caller): Promise<NotificationMember> {
    const member = await this.notifications.member(organisationId, caller.userId);
    if (!member) throw new NotFoundException(`Organisation ${organisationId} not found`);
    return member;
  }

  private settingsView(member: NotificationMember, now: Date): NotificationSettings {
    const digest = digestScheduleOf(member.settings);
    return {
      digest,
      quietHours: quietHoursOf(member.settings),
      sections: [...digestSectionsForRole(member.role)],
      email: member.email,
      locale: memberLocale(member),
      timeZone: member.timeZone,
      nextDigestAt: nextDigestDue(digest, member.timeZone, now)?.toISOString() ?? null,
    };
  }

  private async rule(organisationId: string, caller: Caller, ruleId: string): Promise<AlertRule> {
    const rule = await this.notifications.rule(organisationId, caller.userId, ruleId);
    if (!rule) throw new NotFoundException(`Alert rule ${ruleId} not found`);
    return rule;
  }

  /** The kind fits the caller's role, what it names belongs to the organisation, its channels are set up. */
  private async checkRule(
    organisationId: string,
    caller: Caller,
    input: AlertRuleInputParsed,
  ): Promise<void> {
    const { condition } = input;
    if (!alertKindsForRole(caller.role).includes(condition.kind)) {
      throw new ForbiddenException(
        `condition.kind ${condition.kind} is not available to the ${caller.role} role: it reports on what that role cannot read`,
      );
    }
    await this.checkReferences(organisationId, condition);
    const webhooks = input.channels.filter((channel) => channel !== 'email');
    if (webhooks.length === 0) return;
    const configured = new Set((await this.notifications.channels(organisationId)).map((c) => c.kind));
    const missing = webhooks.filter((channel) => !configured.has(channel));
    if (missing.length > 0) {
      throw badRequest(
        `channels: ${missing.join(', ')} is not set up for this organisation (an admin sets its webhook under Notifications)`,
      );
    }
  }

  /** Another organisation's plan, source, unit or group is indistinguishable from one that does not exist. */
  private async checkReferences(organisationId: string, condition: AlertCondition): Promise<void> {
    if (condition.kind === 'gate_status_changed' && condition.planId) {
      const found = await this.dataSource
        .getRepository(RolloutPlan)
        .existsBy({ id: condition.planId, organisationId });
      if (!found) throw new NotFoundException(`Rollout plan ${condition.planId} not found`);
    }
    if ((condition.kind === 'source_stale' || condition.kind === 'source_failing') && condition.sourceId) {
      const found = await this.dataSource
        .getRepository(ActivitySource)
        .existsBy({ id: condition.sourceId, organisationId });
      if (!found) throw new NotFoundException(`Source ${condition.sourceId} not found`);
    }
    if (condition.kind === 'kpi_threshold' && condition.population) {
      const { orgUnitId, groupId } = condition.population;
      if (orgUnitId && !(await this.directory.exists('org_units', organisationId, orgUnitId)))
        throw new NotFoundException(`Org unit ${orgUnitId} not found`);
      if (groupId && !(await this.directory.exists('groups', organisationId, groupId)))
        throw new NotFoundException(`Group ${groupId} not found`);
    }
  }
}
