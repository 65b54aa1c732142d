import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { ApplicationStage } from '../applications/application-stage.entity';
import { Application } from '../applications/application.entity';
import { Person } from '../people/person.entity';

export const INTERVIEW_FORMATS = ['video', 'phone', 'onsite'] as const;
export type InterviewFormat = (typeof INTERVIEW_FORMATS)[number];

export const INTERVIEW_OUTCOMES = ['pending', 'passed', 'failed', 'cancelled'] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];

/** One meeting of one stage of an application; a stage may have several. */
@Entity('interviews')
@Index(['userId', 'startsAt'])
export class Interview extends TimestampedOwnedRecord {
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;

  @ManyToOne(() => ApplicationStage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage?: Relation<ApplicationStage>;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  /** The IANA zone the interview was arranged in; the calendar feed shows it in that zone. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text' })
  format: InterviewFormat;

  /** A room or address for onsite interviews. */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  /** The video-call or dial-in link. */
  @Column({ name: 'meeting_url', type: 'text', nullable: true })
  meetingUrl: string | null;

  @ManyToMany(() => Person, { onDelete: 'CASCADE' })
  @JoinTable({ name: 'interview_interviewers', joinColumn: { name: 'interview_id' }, inverseJoinColumn: { name: 'person_id' } })
  interviewers?: Relation<Person>[];

  @Column({ name: 'prep_notes', type: 'text', nullable: true })
  prepNotes: string | null;

  @Column({ type: 'text', default: 'pending' })
  outcome: InterviewOutcome;

  @Column({ type: 'text', nullable: true })
  feedback: string | null;

  /** iCalendar SEQUENCE: bumped on every change calendar clients should notice. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;
}
