import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateSignInThrottles1796623633478 implements MigrationInterface {
    name = 'CreateSignInThrottles1796623633478'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sign_in_throttles" ("key" text NOT NULL, "failures" double precision NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f01bfc0e243b5d41e587ffff6dd" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4d6cb2365cdbc5aa374f630a60" ON "sign_in_throttles"  ("updated_at") `);
        // The API-wide rate limit's counters when there is no Redis (apps/api/src/common/rate-limit.ts).
        // Written on every request and worth nothing after a crash, so UNLOGGED: no WAL per request.
        // Not an entity: TypeORM cannot declare an unlogged table, and only that store reads it.
        await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limit_counters" ("key" text NOT NULL, "hits" integer NOT NULL, "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_rate_limit_counters" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE INDEX "IDX_rate_limit_counters_reset_at" ON "rate_limit_counters" ("reset_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4d6cb2365cdbc5aa374f630a60"`);
        await queryRunner.query(`DROP TABLE "sign_in_throttles"`);
    }

}
