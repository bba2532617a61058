import { ACTIVITY_TYPES, type ActivityType } from '@uptake/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One normalised interaction on the social network. No message text: only its length.
 * Unique per (organisation, source, external id), so re-delivered batches never duplicate.
 */
@Entity({ name: 'activity_events' })
export class ActivityEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  sourceId: string;

  @Column('text')
  externalId: string;

  @Column('timestamptz')
  occurredAt: Date;

  /** Null only for volume without people: reactions a source counted but did not list (type 'reaction'). */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column({ type: 'enum', enum: ACTIVITY_TYPES, enumName: 'activity_type' })
  type: ActivityType;

  /** The channel/community the event happened in. */
  @Column('uuid', { nullable: true })
  groupId: string | null;

  /** External id of the thread's root post (Slack thread_ts, Yammer thread id). */
  @Column('text', { nullable: true })
  threadExternalId: string | null;

  /** The person replied to, reacted to or mentioned. */
  @Column('uuid', { nullable: true })
  targetActorId: string | null;

  @Column('integer', { nullable: true })
  contentLength: number | null;

  /** Interactions this event stands for: 1, or N for a daily usage-report row. */
  @Column('integer', { default: 1 })
  count: number;

  /** A usage report's count of one person, day and kind: a corrected report replaces it; never a thread. */
  @Column('boolean', { default: false })
  fromReport: boolean;

  @Column('timestamptz', { default: () => 'now()' })
  ingestedAt: Date;
}
