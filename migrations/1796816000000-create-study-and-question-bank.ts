import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Preparation: study resources (books with chapters, problem sets, papers, courses) with a log of
 * sessions; study plans per application picking resources per stage; the question bank, each
 * question an FSRS card, with the drills that moved it.
 */
export class CreateStudyAndQuestionBank1796816000000 implements MigrationInterface {
    name = 'CreateStudyAndQuestionBank1796816000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "study_resources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "author" text, "url" text, "unit" text NOT NULL, "total_amount" integer NOT NULL, "parts" jsonb NOT NULL DEFAULT '[]', "emphasis" text NOT NULL DEFAULT 'core', "topics" text array NOT NULL DEFAULT '{}', "stage_types" text array NOT NULL DEFAULT '{}', "notes" text, "starter_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eccbca470cd560fa06898dd8344" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_03b127a8be7eb19f8134d07d25" ON "study_resources"  ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "study_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "resource_id" uuid NOT NULL, "studied_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" integer NOT NULL, "minutes" integer, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_529b2be328c0a953f9bf0cf988e" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_446d6978059cd5b9e7c27c5aa1" ON "study_sessions"  ("user_id", "studied_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_aa8204372435794d4c0c356419" ON "study_sessions"  ("resource_id", "studied_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "study_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "application_id" uuid NOT NULL, "hours_per_week" double precision NOT NULL, "stated_pace" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0e9610ccbc3b79324da329edb33" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5aa3f44e37d2c40db2f5f695c8" ON "study_plans"  ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_96c408f1416327f1121072c19b" ON "study_plans"  ("application_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "study_plan_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "stage_id" uuid NOT NULL, "resource_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_a43d3197a4ec16134eeab751009" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_711e6335592dba50ae1368c8eb" ON "study_plan_items"  ("resource_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_e8d2291699b59421097a72e57e" ON "study_plan_items"  ("plan_id", "resource_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "practice_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "text" text NOT NULL, "topic" text, "stage_type" text, "organization_id" uuid, "interview_id" uuid, "source" text NOT NULL, "answer_notes" text, "due" TIMESTAMP WITH TIME ZONE NOT NULL, "stability" double precision NOT NULL DEFAULT '0', "difficulty" double precision NOT NULL DEFAULT '0', "scheduled_days" integer NOT NULL DEFAULT '0', "learning_steps" integer NOT NULL DEFAULT '0', "reps" integer NOT NULL DEFAULT '0', "lapses" integer NOT NULL DEFAULT '0', "state" smallint NOT NULL DEFAULT '0', "last_review" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_682ec9b1c083973a62941bfb678" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8979ac1662b119fe7d498a064f" ON "practice_questions"  ("user_id", "organization_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a47a8a647b26622be31f661ee8" ON "practice_questions"  ("user_id", "due")
        `);
        await queryRunner.query(`
            CREATE TABLE "practice_drills" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "question_id" uuid NOT NULL, "drilled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rating" text NOT NULL, "next_due" TIMESTAMP WITH TIME ZONE NOT NULL, "scheduled_days" integer NOT NULL, "notes" text, CONSTRAINT "PK_cc6eb578bfccad04e75ff02f29c" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0d7a68fcf4c7bd1c14a10b8e8f" ON "practice_drills"  ("user_id", "drilled_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f41a56a807b5c25a6ace434bd2" ON "practice_drills"  ("question_id", "drilled_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "study_resources" ADD CONSTRAINT "FK_509b2557cc4f38ca4994050afcd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_sessions" ADD CONSTRAINT "FK_caaff1d90296ab8617e61930d36" FOREIGN KEY ("resource_id") REFERENCES "study_resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plans" ADD CONSTRAINT "FK_96c408f1416327f1121072c19b8" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plan_items" ADD CONSTRAINT "FK_a7d97bd6f4c07094bb25f7a0192" FOREIGN KEY ("plan_id") REFERENCES "study_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plan_items" ADD CONSTRAINT "FK_da41d3fa46c0058414e4e2f2e58" FOREIGN KEY ("stage_id") REFERENCES "application_stages"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plan_items" ADD CONSTRAINT "FK_711e6335592dba50ae1368c8eb8" FOREIGN KEY ("resource_id") REFERENCES "study_resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_questions" ADD CONSTRAINT "FK_d679d32c929cd85d9c853fe2ecb" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_questions" ADD CONSTRAINT "FK_4d4e433b2de3047c3d153391847" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_questions" ADD CONSTRAINT "FK_a5c460f4d328a78cade947cd8fe" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_drills" ADD CONSTRAINT "FK_13e556c335edc2586080ce7ec75" FOREIGN KEY ("question_id") REFERENCES "practice_questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "practice_drills" DROP CONSTRAINT "FK_13e556c335edc2586080ce7ec75"
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_questions" DROP CONSTRAINT "FK_a5c460f4d328a78cade947cd8fe"
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_questions" DROP CONSTRAINT "FK_4d4e433b2de3047c3d153391847"
        `);
        await queryRunner.query(`
            ALTER TABLE "practice_questions" DROP CONSTRAINT "FK_d679d32c929cd85d9c853fe2ecb"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plan_items" DROP CONSTRAINT "FK_711e6335592dba50ae1368c8eb8"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plan_items" DROP CONSTRAINT "FK_da41d3fa46c0058414e4e2f2e58"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plan_items" DROP CONSTRAINT "FK_a7d97bd6f4c07094bb25f7a0192"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_plans" DROP CONSTRAINT "FK_96c408f1416327f1121072c19b8"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_sessions" DROP CONSTRAINT "FK_caaff1d90296ab8617e61930d36"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_resources" DROP CONSTRAINT "FK_509b2557cc4f38ca4994050afcd"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f41a56a807b5c25a6ace434bd2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0d7a68fcf4c7bd1c14a10b8e8f"
        `);
        await queryRunner.query(`
            DROP TABLE "practice_drills"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a47a8a647b26622be31f661ee8"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8979ac1662b119fe7d498a064f"
        `);
        await queryRunner.query(`
            DROP TABLE "practice_questions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e8d2291699b59421097a72e57e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_711e6335592dba50ae1368c8eb"
        `);
        await queryRunner.query(`
            DROP TABLE "study_plan_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_96c408f1416327f1121072c19b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5aa3f44e37d2c40db2f5f695c8"
        `);
        await queryRunner.query(`
            DROP TABLE "study_plans"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_aa8204372435794d4c0c356419"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_446d6978059cd5b9e7c27c5aa1"
        `);
        await queryRunner.query(`
            DROP TABLE "study_sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_03b127a8be7eb19f8134d07d25"
        `);
        await queryRunner.query(`
            DROP TABLE "study_resources"
        `);
    }
}
