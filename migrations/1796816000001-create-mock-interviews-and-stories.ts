import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Mock interviews (with a person of the network, scored per topic, the questions asked linked to the
 * bank) and behavioural stories in STAR form linked to résumé projects.
 */
export class CreateMockInterviewsAndStories1796816000001 implements MigrationInterface {
    name = 'CreateMockInterviewsAndStories1796816000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "mock_interviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "person_id" uuid, "stage_type" text NOT NULL, "organization_id" uuid, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "feedback" text, "scores" jsonb NOT NULL DEFAULT '[]', "interaction_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7fb77a078f0039599f4ec6bb53f" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d73a970f11c4af2498889afd97" ON "mock_interviews"  ("user_id", "held_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "behavioural_stories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "title" text NOT NULL, "situation" text, "task" text, "action" text, "result" text, "competencies" text array NOT NULL DEFAULT '{}', "stage_types" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0b2f7089a64aa4976c971a2a99" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6864b5f23dd21cfbf0ab218c33" ON "behavioural_stories"  ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "mock_interview_questions" ("mock_interview_id" uuid NOT NULL, "question_id" uuid NOT NULL, CONSTRAINT "PK_ac5e8a2d81580183031a964346f" PRIMARY KEY ("mock_interview_id", "question_id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b68e01e00ff4cb5f6dfb170ae4" ON "mock_interview_questions"  ("mock_interview_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d2bbf1c34f61bbe2fc229f6952" ON "mock_interview_questions"  ("question_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "behavioural_story_projects" ("story_id" uuid NOT NULL, "resume_project_id" uuid NOT NULL, CONSTRAINT "PK_762048f8ab85f1a567102c0f182" PRIMARY KEY ("story_id", "resume_project_id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5b962771e785be725efd214be1" ON "behavioural_story_projects"  ("story_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_17955de26000180d6d2dc91e28" ON "behavioural_story_projects"  ("resume_project_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" ADD CONSTRAINT "FK_6496307fe72c3a07933c54dc13e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" ADD CONSTRAINT "FK_2df2b4976a01208e3585915a24b" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" ADD CONSTRAINT "FK_8ab1d22ed3c94487dffcdd0cf17" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" ADD CONSTRAINT "FK_8a8099a927cfabc5af6dce7d9cc" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "behavioural_stories" ADD CONSTRAINT "FK_c27238cdc7c3d0bd7040aa2534b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interview_questions" ADD CONSTRAINT "FK_b68e01e00ff4cb5f6dfb170ae44" FOREIGN KEY ("mock_interview_id") REFERENCES "mock_interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interview_questions" ADD CONSTRAINT "FK_d2bbf1c34f61bbe2fc229f69527" FOREIGN KEY ("question_id") REFERENCES "practice_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "behavioural_story_projects" ADD CONSTRAINT "FK_5b962771e785be725efd214be1c" FOREIGN KEY ("story_id") REFERENCES "behavioural_stories"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "behavioural_story_projects" ADD CONSTRAINT "FK_17955de26000180d6d2dc91e28b" FOREIGN KEY ("resume_project_id") REFERENCES "resume_projects"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "behavioural_story_projects" DROP CONSTRAINT "FK_17955de26000180d6d2dc91e28b"
        `);
        await queryRunner.query(`
            ALTER TABLE "behavioural_story_projects" DROP CONSTRAINT "FK_5b962771e785be725efd214be1c"
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interview_questions" DROP CONSTRAINT "FK_d2bbf1c34f61bbe2fc229f69527"
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interview_questions" DROP CONSTRAINT "FK_b68e01e00ff4cb5f6dfb170ae44"
        `);
        await queryRunner.query(`
            ALTER TABLE "behavioural_stories" DROP CONSTRAINT "FK_c27238cdc7c3d0bd7040aa2534b"
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" DROP CONSTRAINT "FK_8a8099a927cfabc5af6dce7d9cc"
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" DROP CONSTRAINT "FK_8ab1d22ed3c94487dffcdd0cf17"
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" DROP CONSTRAINT "FK_2df2b4976a01208e3585915a24b"
        `);
        await queryRunner.query(`
            ALTER TABLE "mock_interviews" DROP CONSTRAINT "FK_6496307fe72c3a07933c54dc13e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_17955de26000180d6d2dc91e28"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5b962771e785be725efd214be1"
        `);
        await queryRunner.query(`
            DROP TABLE "behavioural_story_projects"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d2bbf1c34f61bbe2fc229f6952"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b68e01e00ff4cb5f6dfb170ae4"
        `);
        await queryRunner.query(`
            DROP TABLE "mock_interview_questions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6864b5f23dd21cfbf0ab218c33"
        `);
        await queryRunner.query(`
            DROP TABLE "behavioural_stories"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d73a970f11c4af2498889afd97"
        `);
        await queryRunner.query(`
            DROP TABLE "mock_interviews"
        `);
    }
}
