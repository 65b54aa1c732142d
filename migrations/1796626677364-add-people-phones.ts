import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPeoplePhones1796626677364 implements MigrationInterface {
    name = 'AddPeoplePhones1796626677364'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "people"
            ADD "phones" text array NOT NULL DEFAULT '{}'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "people" DROP COLUMN "phones"
        `);
    }

}
