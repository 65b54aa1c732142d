import { MigrationInterface, QueryRunner } from "typeorm";

/** The account's own publication-sync cadence (or pause) for its people without one of their own (GET/PUT /me/sync-schedule). */
export class AddUsersSyncSchedule1796710000000 implements MigrationInterface {
    name = 'AddUsersSyncSchedule1796710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "sync_every_hours" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "sync_paused" boolean NOT NULL DEFAULT false
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "sync_paused"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "sync_every_hours"
        `);
    }

}
