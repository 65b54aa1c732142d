import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/** An account's mail settings; no row: every default (the account's email, every kind on). */
@Entity('mail_settings')
export class MailSettingsRow {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_mail_settings' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_mail_settings_user' })
  user?: Relation<User>;

  /** Null: the account's email. */
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'digest_on', type: 'boolean', default: true })
  digestOn: boolean;

  @Column({ name: 'briefing_on', type: 'boolean', default: true })
  briefingOn: boolean;

  @Column({ name: 'account_on', type: 'boolean', default: true })
  accountOn: boolean;

  @Column({ name: 'digest_hour', type: 'smallint', default: 7 })
  digestHour: number;

  @Column({ name: 'briefing_lead_hours', type: 'smallint', default: 24 })
  briefingLeadHours: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
