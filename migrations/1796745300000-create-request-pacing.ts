import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The next free slot per scholarly source, for RequestPacer on the PostgreSQL backend (no Redis):
 * every process reserves its send time here. Unlogged: after a crash the slots start over, which
 * costs nothing (a slot is a few hundred ms at most).
 */
export class CreateRequestPacing1796745300000 implements MigrationInterface {
  name = 'CreateRequestPacing1796745300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "request_pacing" ("key" text NOT NULL, "next_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_request_pacing" PRIMARY KEY ("key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "request_pacing"`);
  }
}
