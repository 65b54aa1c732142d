import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from '../accounts/user.entity';

/** What a due notice is about: a task (`task.due`) or a person to follow up with (`follow-up.due`). */
export type WebhookDueKind = 'task' | 'follow-up';

/**
 * That `task.due` or `follow-up.due` was announced for an item and its due date: each is announced
 * once per date (a task moved to another day is due again then).
 */
@Entity('webhook_due_notices')
@Index(['userId'])
export class WebhookDueNotice {
  @PrimaryColumn({ type: 'text' })
  kind: WebhookDueKind;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @PrimaryColumn({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'announced_at', type: 'timestamptz' })
  announcedAt: Date;
}
