import type { OrgUnitKind } from '@uptake/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A node of the organisation's structure (division, department, team) or a legacy company after a merger. */
@Entity({ name: 'org_units' })
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @Column('text', { nullable: true })
  externalId: string | null;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrgUnitKind;

  /** '/root-id/.../own-id/', maintained by a trigger; subtree = path LIKE '<path>%'. */
  @Column({ type: 'text', insert: false, update: false, default: '' })
  path: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
