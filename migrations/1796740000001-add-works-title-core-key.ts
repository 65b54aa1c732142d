import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A work's title with a leading "Name:" or a trailing subtitle dropped, so a preprint finds its
 * publication under a renamed title. Existing works gain it when a record of theirs next changes.
 */
export class AddWorksTitleCoreKey1796740000001 implements MigrationInterface {
    name = 'AddWorksTitleCoreKey1796740000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "works"
            ADD "title_core_key" text
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e5d0a428a56f077b9bdd294e94" ON "works" ("title_core_key")
            WHERE title_core_key IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e5d0a428a56f077b9bdd294e94"
        `);
        await queryRunner.query(`
            ALTER TABLE "works" DROP COLUMN "title_core_key"
        `);
    }

}
