import { Column, CreateDateColumn, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * The columns every record of one account starts with: its uuid, and the account it belongs to
 * (deleted with it). An abstract class, not a table: TypeORM gives its columns to each entity that
 * extends it, so the tables are as they were when each entity wrote them out.
 */
export abstract class OwnedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

/** An account's record that also keeps when it was created and last changed. */
export abstract class TimestampedOwnedRecord extends OwnedRecord {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
