import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Interaction } from '../interactions/interaction.entity';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';
import type { StageType } from '../stage-templates/index';
import { PracticeQuestion } from './practice-question.entity';

/** How the user did on one topic, 1 (poorly) to 5 (very well). */
export interface TopicScore {
  topic: string;
  score: number;
}

/**
 * A practice interview with someone from the network: the stage type it rehearses, the questions
 * asked (kept in the bank), feedback and a score per topic. It is also an interaction on the person
 * (an ask), so it counts in their timeline and in how often they were asked.
 */
@Entity('mock_interviews')
@Index(['userId', 'heldAt'])
export class MockInterview extends TimestampedOwnedRecord {
  /** Null once the person is erased: the practice stays, the person does not. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person> | null;

  @Column({ name: 'stage_type', type: 'text' })
  stageType: StageType;

  /** The organization it prepares for, if one. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  @Column({ name: 'held_at', type: 'timestamptz' })
  heldAt: Date;

  @Column({ type: 'text', nullable: true })
  feedback: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  scores: TopicScore[];

  /** The interaction recorded on the person for it. */
  @Column({ name: 'interaction_id', type: 'uuid', nullable: true })
  interactionId: string | null;

  @ManyToOne(() => Interaction, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'interaction_id' })
  interaction?: Relation<Interaction> | null;

  @ManyToMany(() => PracticeQuestion, { onDelete: 'CASCADE' })
  @JoinTable({ name: 'mock_interview_questions', joinColumn: { name: 'mock_interview_id' }, inverseJoinColumn: { name: 'question_id' } })
  questions?: Relation<PracticeQuestion>[];
}
