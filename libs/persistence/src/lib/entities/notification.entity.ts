import type {
  AlertCondition,
  AlertKind,
  DeliveryKind,
  DeliveryStatus,
  DigestFrequency,
  NotificationChannel,
  WebhookChannel,
} from '@uptake/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A member's digest schedule and quiet hours; a member without a row has the defaults (DEFAULT_DIGEST). */
@Entity({ name: 'notification_settings' })
export class NotificationSetting {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('boolean')
  digestEnabled: boolean;

  @Column('text')
  digestFrequency: DigestFrequency;

  /** ISO weekday, Monday = 1. */
  @Column('smallint')
  digestDayOfWeek: number;

  /** HH:MM in the organisation's time zone. */
  @Column('text')
  digestTime: string;

  @Column('text', { nullable: true })
  quietStart: string | null;

  @Column('text', { nullable: true })
  quietEnd: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * What the evaluator remembers of a rule between ticks: where it has read gate changes up to, which side of
 * a threshold the figure was on, and the number of the last crossing (part of the alert's dedup key).
 */
export interface AlertRuleState {
  since?: string;
  beyond?: boolean | null;
  crossings?: number;
}

/** A member's alert rule. */
@Entity({ name: 'alert_rules' })
export class AlertRule {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('text')
  kind: AlertKind;

  @Column('jsonb')
  condition: AlertCondition;

  @Column('text', { array: true })
  channels: NotificationChannel[];

  @Column('boolean')
  enabled: boolean;

  @Column('timestamptz', { nullable: true })
  mutedUntil: Date | null;

  @Column('jsonb')
  state: AlertRuleState;

  @Column('timestamptz', { nullable: true })
  lastFiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An organisation's Slack or Teams incoming webhook. */
@Entity({ name: 'notification_channels' })
export class NotificationChannelSecret {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('text')
  kind: WebhookChannel;

  /** AES-256-GCM with UPTAKE_SECRET_KEY (libs/security encryptSecret); never selected unless asked for. */
  @Column('bytea', { select: false })
  webhookUrl: Buffer;

  /** The URL's host, the only part shown. */
  @Column('text')
  host: string;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The message a delivery sends, composed when it is created (alerts) or at its first attempt (digests). */
export interface DeliveryPayload {
  subject: string;
  text: string;
  html?: string;
  /** Slack / Teams: the JSON body posted to the webhook. */
  body?: unknown;
}

/** One digest or alert to one recipient over one channel, and how its sending went. */
@Entity({ name: 'notification_deliveries' })
export class NotificationDelivery {
  @PrimaryColumn('uuid')
  organisationId: string;

  /** bigint identity: a string, so it survives JSON as it is. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text')
  kind: DeliveryKind;

  /** The member the delivery is for (the digest's reader, the rule's owner). */
  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('uuid', { nullable: true })
  ruleId: string | null;

  @Column('text', { nullable: true })
  period: string | null;

  @Column('text')
  channel: NotificationChannel;

  @Column('text')
  recipient: string;

  @Column('text')
  subject: string;

  @Column('text', { nullable: true })
  dedupKey: string | null;

  @Column('text')
  status: DeliveryStatus;

  @Column('integer')
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('jsonb', { nullable: true })
  payload: DeliveryPayload | null;

  @Column('timestamptz', { nullable: true })
  heldUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
