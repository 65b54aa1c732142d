import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data backfill: a server that had accounts before roles existed gets its admin, the account
 * registered first (as a new server's first account becomes admin). Down leaves roles as they are:
 * the previous migration's down drops the column.
 */
export class PromoteFirstUserToAdmin1796623437849 implements MigrationInterface {
  name = 'PromoteFirstUserToAdmin1796623437849';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "users" SET "role" = 'admin' WHERE "id" = (SELECT "id" FROM "users" ORDER BY "created_at", "id" LIMIT 1) AND NOT EXISTS (SELECT 1 FROM "users" WHERE "role" = 'admin')`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: see above.
  }
}
