import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexPeopleTags1795918918096 implements MigrationInterface {
    name = 'IndexPeopleTags1795918918096'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_people_tags" ON "people" USING gin ("tags") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_people_tags"`);
    }

}
