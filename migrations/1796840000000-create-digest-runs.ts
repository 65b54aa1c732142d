import { MigrationInterface, QueryRunner } from "typeorm";

/** One row per account and local day a digest was composed for: what keeps a restarted tick from sending twice. */
export class CreateDigestRuns1796840000000 implements MigrationInterface {
    name = 'CreateDigestRuns1796840000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "digest_runs" ("user_id" uuid NOT NULL, "local_date" date NOT NULL, "status" text NOT NULL, "composed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "items" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_digest_runs" PRIMARY KEY ("user_id", "local_date"), CONSTRAINT "FK_digest_runs_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "digest_runs"`);
    }

}
