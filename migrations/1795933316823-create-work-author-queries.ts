import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateWorkAuthorQueries1795933316823 implements MigrationInterface {
    name = 'CreateWorkAuthorQueries1795933316823'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "work_author_queries" ("record_id" uuid NOT NULL, "position" integer NOT NULL, "query" text NOT NULL, CONSTRAINT "PK_eddd9acdc91e607ffa57c61fc64" PRIMARY KEY ("record_id", "position", "query"))`);
        await queryRunner.query(`CREATE INDEX "IDX_cbcdf0fc7b9cb4a2bb6b497183" ON "work_author_queries"  ("query") `);
        await queryRunner.query(`ALTER TABLE "work_author_queries" ADD CONSTRAINT "FK_d6892853ecb5812eea2a727adf7" FOREIGN KEY ("record_id") REFERENCES "work_records"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Markers written before this table: each position keeps the one query it had, and arXiv
        // authorships stop carrying a query in source_author_id.
        await queryRunner.query(`INSERT INTO "work_author_queries" ("record_id", "position", "query") SELECT "record_id", "position", "source_author_id" FROM "work_authorships" WHERE "source" = 'arxiv' AND "source_author_id" IS NOT NULL`);
        await queryRunner.query(`UPDATE "work_authorships" SET "source_author_id" = NULL WHERE "source" = 'arxiv' AND "source_author_id" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Back to one query per position: the column holds only one, so the least of them.
        await queryRunner.query(`UPDATE "work_authorships" a SET "source_author_id" = q."query" FROM (SELECT "record_id", "position", min("query") AS "query" FROM "work_author_queries" GROUP BY "record_id", "position") q WHERE a."record_id" = q."record_id" AND a."position" = q."position"`);
        await queryRunner.query(`ALTER TABLE "work_author_queries" DROP CONSTRAINT "FK_d6892853ecb5812eea2a727adf7"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cbcdf0fc7b9cb4a2bb6b497183"`);
        await queryRunner.query(`DROP TABLE "work_author_queries"`);
    }

}
