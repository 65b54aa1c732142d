import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { RecoveryCode } from './recovery-code.entity';
import { UserTwoFactor } from './two-factor.entity';

/** Every statement on two-factor enrolments and recovery codes. */
@Injectable()
export class TwoFactorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The enrolment, pending or on. */
  find(userId: string): Promise<UserTwoFactor | null> {
    return this.dataSource.manager.findOneBy(UserTwoFactor, { userId });
  }

  /** The enrolment only once turned on. */
  findEnabled(userId: string): Promise<UserTwoFactor | null> {
    return this.dataSource.manager.findOneBy(UserTwoFactor, { userId, enabledAt: Not(IsNull()) });
  }

  /** A new pending enrolment, replacing only a pending one; false when one is turned on. */
  async upsertPending(userId: string, secretSealed: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO user_two_factor (user_id, secret_sealed, enabled_at, last_used_step) VALUES ($1, $2, NULL, NULL)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, last_used_step = NULL, created_at = now()
        WHERE user_two_factor.enabled_at IS NULL
       RETURNING 1`,
      [userId, secretSealed],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Turns on the pending enrolment with this seed; false when it was confirmed or restarted meanwhile. */
  async confirm(em: EntityManager, userId: string, secretSealed: string, at: Date, step: number): Promise<boolean> {
    const [{ n }] = (await em.query(
      `WITH confirmed AS (UPDATE user_two_factor SET enabled_at = $3, last_used_step = $4 WHERE user_id = $1 AND secret_sealed = $2 AND enabled_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM confirmed`,
      [userId, secretSealed, at, step],
    )) as { n: number }[];
    return n > 0;
  }

  /** Removes the enrolment and its recovery codes. */
  async remove(userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.delete(RecoveryCode, { userId });
      await em.delete(UserTwoFactor, { userId });
    });
  }

  async replaceRecoveryCodes(em: EntityManager, userId: string, codeHashes: string[]): Promise<void> {
    const codes = em.getRepository(RecoveryCode);
    await codes.delete({ userId });
    await codes.insert(codeHashes.map((codeHash) => ({ userId, codeHash, usedAt: null })));
  }

  /** Moves the last used TOTP step past `step`, once: false when that step (or a later one) was used. */
  async spendTotpStep(userId: string, step: number): Promise<boolean> {
    // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count], not rows.
    const [{ n }] = (await this.dataSource.query(
      `WITH moved AS (UPDATE user_two_factor SET last_used_step = $2 WHERE user_id = $1 AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2) RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [userId, step],
    )) as { n: number }[];
    return n > 0;
  }

  /** Marks an unused recovery code used; answers whether it was spent and how many unused ones remain. */
  async spendRecoveryCode(userId: string, codeHash: string, at: Date): Promise<{ spent: number; left: number }> {
    const [used] = (await this.dataSource.query(
      `WITH spent AS (UPDATE two_factor_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id)
       SELECT (SELECT count(*) FROM spent)::int AS spent,
              (SELECT count(*) FROM two_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL)::int - (SELECT count(*) FROM spent)::int AS left`,
      [userId, codeHash, at],
    )) as { spent: number; left: number }[];
    return used;
  }
}
