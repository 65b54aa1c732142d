import { MigrationInterface, QueryRunner } from "typeorm";

export class AddOrganizationAliases1796625835013 implements MigrationInterface {
    name = 'AddOrganizationAliases1796625835013'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "organizations"
            ADD "aliases" text array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "organizations"
            ADD "aliases_folded" text array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_organizations_aliases_folded" ON "organizations" USING gin ("aliases_folded")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_organizations_aliases_folded"
        `);
        await queryRunner.query(`
            ALTER TABLE "organizations" DROP COLUMN "aliases_folded"
        `);
        await queryRunner.query(`
            ALTER TABLE "organizations" DROP COLUMN "aliases"
        `);
    }

}
