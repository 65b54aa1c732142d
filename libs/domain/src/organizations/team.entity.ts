import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Organization } from './organization.entity';

@Entity('teams')
@Index(['organizationId', 'nameFolded'], { unique: true })
export class Team extends TimestampedOwnedRecord {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, (org) => org.teams, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'research_notes', type: 'text', nullable: true })
  researchNotes: string | null;
}
