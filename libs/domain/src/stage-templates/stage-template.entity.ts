import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Organization } from '../organizations/organization.entity';
import type { TemplateStage } from './stage-types';

/**
 * The ordered stages of a loop, the user's own: for one organization, or general when it has
 * none. Applications copy the stages when they are created, so editing a template never
 * rewrites an application's history.
 */
@Entity('stage_templates')
@Index(['userId', 'organizationId'])
export class StageTemplate extends TimestampedOwnedRecord {
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  @Column({ type: 'text' })
  name: string;

  /** The role the loop is for, e.g. Research Engineer. */
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'jsonb' })
  stages: TemplateStage[];
}
