import { Column, Entity, Index, OneToMany, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Team } from './team.entity';

/** The longest name of an organization or a team (the API's DTOs and the contact imports both hold to it). */
export const ORGANIZATION_NAME_MAX = 200;

@Entity('organizations')
@Index(['userId', 'nameFolded'], { unique: true })
export class Organization extends TimestampedOwnedRecord {
  @Column({ type: 'text' })
  name: string;

  /** Accent- and case-folded name: for search and to find "DeepMind" when an import says "deepmind". */
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  /** Other names of the organization ("Google DeepMind" for "DeepMind"): imports and search know it by them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  /** The aliases folded like `nameFolded`; GIN, so an import finds an organization by any of them from the index. */
  @Index('IDX_organizations_aliases_folded', { type: 'gin' })
  @Column({ name: 'aliases_folded', type: 'text', array: true, default: () => "'{}'" })
  aliasesFolded: string[];

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** What the user learnt about the lab: mission, research directions, culture. */
  @Column({ name: 'research_notes', type: 'text', nullable: true })
  researchNotes: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @OneToMany(() => Team, (team) => team.organization)
  teams?: Relation<Team[]>;
}
