import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Old ids of works merged into another, so `GET /works/:id` and `/works/:id/reading` still answer
 * for them; and every other folded title a work's records carry, so a record matched by title finds the
 * work whichever version's title it carries (work_titles; existing works gain their records'
 * other titles at their next ingest).
 */
export class CreateWorkAliasesAndTitles1796731500000 implements MigrationInterface {
    name = 'CreateWorkAliasesAndTitles1796731500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "work_aliases" (
                "old_id" uuid NOT NULL,
                "work_id" uuid NOT NULL,
                "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_241719e7b5a13dcd8136c7c7feb" PRIMARY KEY ("old_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7995e224a7bf8fdf4bd6c986c4" ON "work_aliases" ("work_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "work_titles" (
                "work_id" uuid NOT NULL,
                "title_key" text NOT NULL,
                CONSTRAINT "PK_ce66e31dfd7c7b0c8731de311ca" PRIMARY KEY ("work_id", "title_key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a8ddf62331196d92fde8941255" ON "work_titles" ("title_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "work_titles"
            ADD CONSTRAINT "FK_138ba8443d68737c1a633a35a6e" FOREIGN KEY ("work_id") REFERENCES "works"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_aliases"
            ADD CONSTRAINT "FK_7995e224a7bf8fdf4bd6c986c42" FOREIGN KEY ("work_id") REFERENCES "works"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_titles" DROP CONSTRAINT "FK_138ba8443d68737c1a633a35a6e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a8ddf62331196d92fde8941255"
        `);
        await queryRunner.query(`
            DROP TABLE "work_titles"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_aliases" DROP CONSTRAINT "FK_7995e224a7bf8fdf4bd6c986c42"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7995e224a7bf8fdf4bd6c986c4"
        `);
        await queryRunner.query(`
            DROP TABLE "work_aliases"
        `);

    }

}
