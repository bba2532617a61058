import type { GroupKind } from '@uptake/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A container of activity (Slack channel, Viva Engage community, Teams team) or, with kind 'cohort',
 * a set of people defined in Uptake such as a pilot group.
 */
@Entity({ name: 'groups' })
export class Group {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid', { nullable: true })
  sourceId: string | null;

  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('text')
  name: string;

  @Column('text')
  kind: GroupKind;

  @Column('boolean', { default: false })
  isPrivate: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'group_members' })
export class GroupMember {
  @PrimaryColumn('uuid')
  groupId: string;

  @PrimaryColumn('uuid')
  personId: string;

  @Column('uuid')
  organisationId: string;

  @Column('timestamptz', { nullable: true })
  joinedAt: Date | null;
}
