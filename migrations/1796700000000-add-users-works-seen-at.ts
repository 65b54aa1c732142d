import { MigrationInterface, QueryRunner } from "typeorm";

/** When the user last marked the new works of their people as seen (Today's "new works" list starts there). */
export class AddUsersWorksSeenAt1796700000000 implements MigrationInterface {
    name = 'AddUsersWorksSeenAt1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "works_seen_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "works_seen_at"
        `);
    }

}
