import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Old ids of works merged into another, so `GET /works/:id` and `/works/:id/reading` still answer
 * for them; and every record's folded title on its work, so a record matched by title finds the
 * work whichever version's title it carries (existing works start with their own title and gain
 * their records' others at their next ingest).
 */
export class CreateWorkAliasesAndTitleKeys1796731500000 implements MigrationInterface {
    name = 'CreateWorkAliasesAndTitleKeys1796731500000'

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
            ALTER TABLE "works"
            ADD "title_keys" text array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            UPDATE "works" SET "title_keys" = ARRAY["title_key"]
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b91a61fecd6cc4770f8046e200" ON "works" USING gin ("title_keys")
        `);
        await queryRunner.query(`
            ALTER TABLE "work_aliases"
            ADD CONSTRAINT "FK_7995e224a7bf8fdf4bd6c986c42" FOREIGN KEY ("work_id") REFERENCES "works"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_aliases" DROP CONSTRAINT "FK_7995e224a7bf8fdf4bd6c986c42"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7995e224a7bf8fdf4bd6c986c4"
        `);
        await queryRunner.query(`
            DROP TABLE "work_aliases"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b91a61fecd6cc4770f8046e200"
        `);
        await queryRunner.query(`
            ALTER TABLE "works" DROP COLUMN "title_keys"
        `);
    }

}
