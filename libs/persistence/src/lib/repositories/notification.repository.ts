import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../entities/user.entity';
import {
  AlertRule,
  NotificationChannelSecret,
  NotificationDelivery,
  NotificationSetting,
  type AlertRuleState,
  type DeliveryPayload,
} from '../entities/notification.entity';

/** A member as notifications see them: where to write, in which language, in which time zone. */
export interface NotificationMember {
  organisationId: string;
  organisationName: string;
  userId: string;
  email: string;
  role: Role;
  locale: string;
  timeZone: string;
  /** When the membership started: no digest is due before it. */
  memberSince: Date;
  settings: NotificationSetting | null;
}

/** A new delivery row; `dedupKey` makes creating it idempotent. */
export type NewDelivery = Pick<
  NotificationDelivery,
  'organisationId' | 'kind' | 'userId' | 'ruleId' | 'period' | 'channel' | 'recipient' | 'subject'
> & {
  dedupKey: string | null;
  status: 'queued' | 'held' | 'failed';
  heldUntil?: Date | null;
  payload?: DeliveryPayload | null;
  lastError?: string | null;
};

const MEMBER_COLUMNS = `
  m.organisation_id AS "organisationId", o.name AS "organisationName", m.user_id AS "userId", u.email,
  m.role, COALESCE(u.locale, o.default_locale, 'en') AS locale, o.time_zone AS "timeZone",
  m.created_at AS "memberSince"`;

const MEMBER_FROM = `
  FROM memberships m
  JOIN users u ON u.id = m.user_id
  JOIN organisations o ON o.id = m.organisation_id`;

/**
 * Digest settings, alert rules, webhook channels and the delivery log: the SQL of the API's notification
 * routes and the worker's scheduler and delivery processor, in one place.
 */
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One member, or null when they are not a member of the organisation. */
  async member(organisationId: string, userId: string): Promise<NotificationMember | null> {
    const rows = await this.members(`m.organisation_id = $1 AND m.user_id = $2`, [organisationId, userId]);
    return rows[0] ?? null;
  }

  /** Every member of every organisation whose digest is on (no settings row: on, the default). */
  digestMembers(): Promise<NotificationMember[]> {
    return this.members(`COALESCE(s.digest_enabled, true) AND u.disabled_at IS NULL`, []);
  }

  private async members(where: string, params: unknown[]): Promise<NotificationMember[]> {
    const rows: (Omit<NotificationMember, 'settings'> & { settings: Record<string, unknown> | null })[] =
      await this.dataSource.query(
        `SELECT ${MEMBER_COLUMNS}, to_jsonb(s) AS settings ${MEMBER_FROM}
         LEFT JOIN notification_settings s ON s.organisation_id = m.organisation_id AND s.user_id = m.user_id
         WHERE ${where}
         ORDER BY m.organisation_id, m.user_id`,
        params,
      );
    return rows.map((row) => ({ ...row, settings: row.settings ? settingFromJson(row.settings) : null }));
  }

  /** Creates or replaces a member's settings. */
  async saveSettings(
    setting: Omit<NotificationSetting, 'createdAt' | 'updatedAt'>,
  ): Promise<NotificationSetting> {
    const repository = this.dataSource.getRepository(NotificationSetting);
    await repository.upsert({ ...setting, updatedAt: new Date() }, ['organisationId', 'userId']);
    return repository.findOneByOrFail({ organisationId: setting.organisationId, userId: setting.userId });
  }

  rules(organisationId: string, userId: string): Promise<AlertRule[]> {
    return this.dataSource
      .getRepository(AlertRule)
      .find({ where: { organisationId, userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  rule(organisationId: string, userId: string, id: string): Promise<AlertRule | null> {
    return this.dataSource.getRepository(AlertRule).findOneBy({ organisationId, userId, id });
  }

  /**
   * Inserts a rule unless the member has `max` already (counted under a lock of the membership row, so two
   * requests at once cannot both pass); null when at the cap.
   */
  async insertRule(
    rule: Pick<
      AlertRule,
      'organisationId' | 'userId' | 'name' | 'kind' | 'condition' | 'channels' | 'enabled'
    > & {
      mutedUntil: Date | null;
      state: AlertRuleState;
    },
    max: number,
  ): Promise<AlertRule | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2 FOR UPDATE`,
        [rule.organisationId, rule.userId],
      );
      const count = await manager
        .getRepository(AlertRule)
        .countBy({ organisationId: rule.organisationId, userId: rule.userId });
      if (count >= max) return null;
      return manager.getRepository(AlertRule).save(rule);
    });
  }

  async saveRule(rule: AlertRule): Promise<AlertRule> {
    return this.dataSource.getRepository(AlertRule).save(rule);
  }

  async deleteRule(organisationId: string, userId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(AlertRule).delete({ organisationId, userId, id });
    return Boolean(result.affected);
  }

  /** Enabled rules of every organisation, with their owner (role, e-mail, language, zone, quiet hours). */
  async activeRules(): Promise<{ rule: AlertRule; member: NotificationMember }[]> {
    const rows: (Omit<NotificationMember, 'settings'> & {
      settings: Record<string, unknown> | null;
      rule: Record<string, unknown>;
    })[] = await this.dataSource.query(
      `SELECT ${MEMBER_COLUMNS}, to_jsonb(s) AS settings, to_jsonb(r) AS rule ${MEMBER_FROM}
       JOIN alert_rules r ON r.organisation_id = m.organisation_id AND r.user_id = m.user_id
       LEFT JOIN notification_settings s ON s.organisation_id = m.organisation_id AND s.user_id = m.user_id
       WHERE r.enabled AND u.disabled_at IS NULL
       ORDER BY r.organisation_id, r.created_at, r.id`,
    );
    return rows.map(({ rule, settings, ...member }) => ({
      rule: this.dataSource.getRepository(AlertRule).create(ruleFromJson(rule)),
      member: { ...member, settings: settings ? settingFromJson(settings) : null },
    }));
  }

  /**
   * Stores what the evaluator saw and creates the rule's new deliveries, in one transaction; the rows it
   * created (those whose dedup key was new), with their status.
   */
  async advanceRule(
    rule: Pick<AlertRule, 'organisationId' | 'id'>,
    state: AlertRuleState,
    deliveries: NewDelivery[],
  ): Promise<{ organisationId: string; id: string; status: NewDelivery['status'] }[]> {
    return this.dataSource.transaction(async (manager) => {
      const created: { organisationId: string; id: string; status: NewDelivery['status'] }[] = [];
      for (const delivery of deliveries) {
        const id = await this.insertDelivery(delivery, manager);
        if (id) created.push({ organisationId: delivery.organisationId, id, status: delivery.status });
      }
      await manager.query(
        `UPDATE alert_rules SET state = $3, last_fired_at = CASE WHEN $4 THEN now() ELSE last_fired_at END
         WHERE organisation_id = $1 AND id = $2`,
        [rule.organisationId, rule.id, JSON.stringify(state), created.length > 0],
      );
      return created;
    });
  }

  channels(organisationId: string): Promise<NotificationChannelSecret[]> {
    return this.dataSource.getRepository(NotificationChannelSecret).findBy({ organisationId });
  }

  /** The channel with its encrypted URL, or null when it is not set. */
  channelWithSecret(organisationId: string, kind: string): Promise<NotificationChannelSecret | null> {
    return this.dataSource
      .getRepository(NotificationChannelSecret)
      .createQueryBuilder('channel')
      .addSelect('channel.webhookUrl')
      .where('channel.organisationId = :organisationId AND channel.kind = :kind', { organisationId, kind })
      .getOne();
  }

  async saveChannel(
    channel: Pick<NotificationChannelSecret, 'organisationId' | 'kind' | 'webhookUrl' | 'host' | 'updatedBy'>,
  ): Promise<NotificationChannelSecret> {
    const repository = this.dataSource.getRepository(NotificationChannelSecret);
    await repository.upsert({ ...channel, updatedAt: new Date() }, ['organisationId', 'kind']);
    return repository.findOneByOrFail({ organisationId: channel.organisationId, kind: channel.kind });
  }

  async deleteChannel(organisationId: string, kind: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(NotificationChannelSecret)
      .delete({ organisationId, kind: kind as NotificationChannelSecret['kind'] });
    return Boolean(result.affected);
  }

  /** Creates a delivery unless one with its dedup key exists; its id, or null when it was there already. */
  async insertDelivery(
    delivery: NewDelivery,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification_deliveries
         (organisation_id, kind, user_id, rule_id, period, channel, recipient, subject, dedup_key, status,
          held_until, payload, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (organisation_id, dedup_key) DO NOTHING
       RETURNING id::text`,
      [
        delivery.organisationId,
        delivery.kind,
        delivery.userId,
        delivery.ruleId,
        delivery.period,
        delivery.channel,
        delivery.recipient,
        delivery.subject.slice(0, 300),
        delivery.dedupKey,
        delivery.status,
        delivery.heldUntil ?? null,
        delivery.payload ? JSON.stringify(delivery.payload) : null,
        delivery.lastError ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  delivery(organisationId: string, id: string): Promise<NotificationDelivery | null> {
    return this.dataSource.getRepository(NotificationDelivery).findOneBy({ organisationId, id });
  }

  /** Records an attempt: its outcome, the error (bounded), the payload composed for it. */
  async recordAttempt(
    delivery: Pick<NotificationDelivery, 'organisationId' | 'id'>,
    outcome: { status: 'sent' | 'retrying' | 'failed'; error: string | null; payload?: DeliveryPayload },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries
       SET status = $3, attempts = attempts + 1, last_error = $4,
           sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END,
           payload = COALESCE($5::jsonb, payload), subject = COALESCE($6, subject)
       WHERE organisation_id = $1 AND id = $2`,
      [
        delivery.organisationId,
        delivery.id,
        outcome.status,
        outcome.error?.slice(0, 1000) ?? null,
        outcome.payload ? JSON.stringify(outcome.payload) : null,
        outcome.payload?.subject.slice(0, 300) ?? null,
      ],
    );
  }

  /** Held alerts whose quiet hours have ended become queued; their keys, for the delivery queue. */
  releaseHeld(now: Date): Promise<{ organisationId: string; id: string }[]> {
    // A SELECT around the UPDATE, so the driver answers with the rows (a bare UPDATE answers [rows, count]).
    return this.dataSource.query(
      `WITH released AS (
         UPDATE notification_deliveries SET status = 'queued'
         WHERE status = 'held' AND held_until <= $1
         RETURNING organisation_id, id
       )
       SELECT organisation_id AS "organisationId", id::text FROM released`,
      [now],
    );
  }

  /**
   * Queued deliveries created before `cutoff`: their job may have been lost (a crash between the insert and
   * the enqueue); queuing them again is a no-op when the job exists (its id is the delivery's).
   */
  queuedBefore(cutoff: Date, limit = 500): Promise<{ organisationId: string; id: string }[]> {
    return this.dataSource.query(
      `SELECT organisation_id AS "organisationId", id::text FROM notification_deliveries
       WHERE status = 'queued' AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [cutoff, limit],
    );
  }

  /** The delivery log, newest first; `userId` set: only that member's own deliveries. */
  deliveries(
    organisationId: string,
    options: { userId: string | null; limit: number; before?: string; status?: string; kind?: string },
  ): Promise<NotificationDelivery[]> {
    const query = this.dataSource
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .where('d.organisation_id = :organisationId', { organisationId })
      .orderBy('d.id', 'DESC')
      .limit(options.limit);
    if (options.userId) query.andWhere('d.user_id = :userId', { userId: options.userId });
    if (options.before) query.andWhere('d.id < :before', { before: options.before });
    if (options.status) query.andWhere('d.status = :status', { status: options.status });
    if (options.kind) query.andWhere('d.kind = :kind', { kind: options.kind });
    return query.getMany();
  }
}

/** A settings row as to_jsonb gives it (snake case, timestamps as text). */
function settingFromJson(row: Record<string, unknown>): NotificationSetting {
  return {
    organisationId: row['organisation_id'] as string,
    userId: row['user_id'] as string,
    digestEnabled: row['digest_enabled'] as boolean,
    digestFrequency: row['digest_frequency'] as NotificationSetting['digestFrequency'],
    digestDayOfWeek: row['digest_day_of_week'] as number,
    digestTime: row['digest_time'] as string,
    quietStart: (row['quiet_start'] as string | null) ?? null,
    quietEnd: (row['quiet_end'] as string | null) ?? null,
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}

function ruleFromJson(row: Record<string, unknown>): Partial<AlertRule> {
  const at = (key: string) => (row[key] ? new Date(row[key] as string) : null);
  return {
    organisationId: row['organisation_id'] as string,
    id: row['id'] as string,
    userId: row['user_id'] as string,
    name: (row['name'] as string | null) ?? null,
    kind: row['kind'] as AlertRule['kind'],
    condition: row['condition'] as AlertRule['condition'],
    channels: row['channels'] as AlertRule['channels'],
    enabled: row['enabled'] as boolean,
    mutedUntil: at('muted_until'),
    state: (row['state'] as AlertRuleState) ?? {},
    lastFiredAt: at('last_fired_at'),
    createdAt: at('created_at') ?? new Date(0),
    updatedAt: at('updated_at') ?? new Date(0),
  };
}
