import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateReadingChecklists1795931034417 implements MigrationInterface {
    name = 'CreateReadingChecklists1795931034417'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "reading_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "work_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'to_read', "notes" text, "summary" text, "questions" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b653e65e56f262fd3e5b681a8da" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_aee5fad0b76d6249b762fd5b21" ON "reading_entries"  ("work_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1a23b6e0a194232d247b589886" ON "reading_entries"  ("user_id", "work_id") `);
        await queryRunner.query(`CREATE TABLE "reading_checklist_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "person_id" uuid, "interview_id" uuid, "size" integer NOT NULL, "weights" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_daf471361346bbb4095b39b48dc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_faa6804781f364b70d555387cc" ON "reading_checklist_settings"  ("user_id", "interview_id") WHERE interview_id IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7268062e0c21f82aaa0ca312fa" ON "reading_checklist_settings"  ("user_id", "person_id") WHERE person_id IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "applications" ADD "keywords" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "reading_entries" ADD CONSTRAINT "FK_aee5fad0b76d6249b762fd5b21c" FOREIGN KEY ("work_id") REFERENCES "works"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reading_checklist_settings" ADD CONSTRAINT "FK_740eb2d639a8d9a0721fd426478" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reading_checklist_settings" ADD CONSTRAINT "FK_a6f82c9b88d6ab0c292e88eddb5" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "reading_checklist_settings" DROP CONSTRAINT "FK_a6f82c9b88d6ab0c292e88eddb5"`);
        await queryRunner.query(`ALTER TABLE "reading_checklist_settings" DROP CONSTRAINT "FK_740eb2d639a8d9a0721fd426478"`);
        await queryRunner.query(`ALTER TABLE "reading_entries" DROP CONSTRAINT "FK_aee5fad0b76d6249b762fd5b21c"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "keywords"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7268062e0c21f82aaa0ca312fa"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_faa6804781f364b70d555387cc"`);
        await queryRunner.query(`DROP TABLE "reading_checklist_settings"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1a23b6e0a194232d247b589886"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_aee5fad0b76d6249b762fd5b21"`);
        await queryRunner.query(`DROP TABLE "reading_entries"`);
    }

}
