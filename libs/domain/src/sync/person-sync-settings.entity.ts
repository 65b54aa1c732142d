import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Person } from '../people/person.entity';

/**
 * A person's own publication-sync schedule. A person without a row follows the default cadence
 * (SYNC_DEFAULT_EVERY_HOURS); a row gives them their own job scheduler.
 */
@Entity('person_sync_settings')
export class PersonSyncSettings {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<Person>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'every_hours', type: 'integer' })
  everyHours: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
