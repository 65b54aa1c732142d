import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateInterviewerNotes1796625036913 implements MigrationInterface {
    name = 'CreateInterviewerNotes1796625036913'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "interviewer_notes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "interview_id" uuid NOT NULL,
                "person_id" uuid NOT NULL,
                "asked" text,
                "how_it_went" text,
                "follow_up" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_02e95eb8ca5a19b23978ae079cc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4b5add872445e867190ff81fb3" ON "interviewer_notes" ("user_id", "person_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_cc294a445b3f7a338c2e94f350" ON "interviewer_notes" ("interview_id", "person_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "interviewer_notes"
            ADD CONSTRAINT "FK_93a668381a6d0293cb10175e7aa" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "interviewer_notes"
            ADD CONSTRAINT "FK_352c2b3bde0eb64a4e97a71ddf9" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "interviewer_notes" DROP CONSTRAINT "FK_352c2b3bde0eb64a4e97a71ddf9"
        `);
        await queryRunner.query(`
            ALTER TABLE "interviewer_notes" DROP CONSTRAINT "FK_93a668381a6d0293cb10175e7aa"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cc294a445b3f7a338c2e94f350"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4b5add872445e867190ff81fb3"
        `);
        await queryRunner.query(`
            DROP TABLE "interviewer_notes"
        `);
    }

}
