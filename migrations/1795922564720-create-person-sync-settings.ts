import { MigrationInterface, QueryRunner } from "typeorm";

export class CreatePersonSyncSettings1795922564720 implements MigrationInterface {
    name = 'CreatePersonSyncSettings1795922564720'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "person_sync_settings" ("person_id" uuid NOT NULL, "user_id" uuid NOT NULL, "every_hours" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3cbf2d9216bdc9961c5da921c20" PRIMARY KEY ("person_id"))`);
        await queryRunner.query(`ALTER TABLE "person_sync_settings" ADD CONSTRAINT "FK_3cbf2d9216bdc9961c5da921c20" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person_sync_settings" DROP CONSTRAINT "FK_3cbf2d9216bdc9961c5da921c20"`);
        await queryRunner.query(`DROP TABLE "person_sync_settings"`);
    }

}
