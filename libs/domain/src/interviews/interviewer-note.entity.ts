import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Person } from '../people/person.entity';
import { Interview } from './interview.entity';

/**
 * The user's notes on one interviewer at one interview: what they asked, how it went, what to follow
 * up. Later briefings and the person's meetings show them, across applications and reroutes.
 */
@Entity('interviewer_notes')
@Index(['interviewId', 'personId'], { unique: true })
@Index(['userId', 'personId'])
export class InterviewerNote extends TimestampedOwnedRecord {
  @Column({ name: 'interview_id', type: 'uuid' })
  interviewId: string;

  @ManyToOne(() => Interview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id' })
  interview?: Relation<Interview>;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  /** What they asked. */
  @Column({ type: 'text', nullable: true })
  asked: string | null;

  /** How it went with them. */
  @Column({ name: 'how_it_went', type: 'text', nullable: true })
  howItWent: string | null;

  /** What to follow up on with them. */
  @Column({ name: 'follow_up', type: 'text', nullable: true })
  followUp: string | null;
}
