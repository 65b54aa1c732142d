import { MigrationInterface, QueryRunner } from "typeorm";

export class CreatePipelineSchema1795916944601 implements MigrationInterface {
    name = 'CreatePipelineSchema1795916944601'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "stage_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid, "name" text NOT NULL, "role" text, "stages" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04083fb6f4ba564d12e50aab682" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_54d347fe66e6d1a6fffcca600d" ON "stage_templates"  ("user_id", "organization_id") `);
        await queryRunner.query(`CREATE TABLE "application_stages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "application_id" uuid NOT NULL, "position" integer NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "checklist" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL DEFAULT 'upcoming', "entered_at" TIMESTAMP WITH TIME ZONE, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ae0089b0c13da629d702db5790f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ced34aacc8f60a80ede3108861" ON "application_stages"  ("application_id", "position") `);
        await queryRunner.query(`CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "team_id" uuid, "role" text NOT NULL, "source" text NOT NULL DEFAULT 'direct', "status" text NOT NULL DEFAULT 'active', "applied_on" date NOT NULL, "closed_on" date, "notes" text, "recruiter_id" uuid, "template_id" uuid, "template_name" text NOT NULL, "current_stage_id" uuid, "rerouted_from_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_74ec786d915f5ec444d00eb492" ON "applications"  ("user_id", "organization_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_78c185d7bf3709d049d60c3994" ON "applications"  ("user_id", "status") `);
        await queryRunner.query(`CREATE TABLE "application_moves" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "application_id" uuid NOT NULL, "move" text NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_status" text, "to_status" text NOT NULL, "from_stage" text, "to_stage" text, "from_stage_id" uuid, "to_stage_id" uuid, "related_application_id" uuid, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6c0bf8a089e6bc03add80d19a7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b7fc82f3e19d55bca90f8dc406" ON "application_moves"  ("application_id", "at") `);
        await queryRunner.query(`CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3212ce9ff23847e66347a6730d" ON "calendar_feeds"  ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_df53b5f17d35a6bac0fb13e16a" ON "calendar_feeds"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "interviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "application_id" uuid NOT NULL, "stage_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL, "duration_minutes" integer NOT NULL, "format" text NOT NULL, "location" text, "meeting_url" text, "prep_notes" text, "outcome" text NOT NULL DEFAULT 'pending', "feedback" text, "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd41af1f96d698fa33c2f070f47" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_5b6f60ded59229b29e7ba1b92b" ON "interviews"  ("user_id", "starts_at") `);
        await queryRunner.query(`CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "application_id" uuid NOT NULL, "referrer_id" uuid NOT NULL, "recruiter_id" uuid, "status" text NOT NULL DEFAULT 'discussed', "status_dates" jsonb NOT NULL DEFAULT '{}', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e9b93243caa664acd985ca39c5" ON "referrals"  ("user_id", "referrer_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_725a1591a10f696d2dea7dc9c1" ON "referrals"  ("application_id", "referrer_id") `);
        await queryRunner.query(`CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "title" text NOT NULL, "due_on" date, "done_at" TIMESTAMP WITH TIME ZONE, "notes" text, "origin" text NOT NULL DEFAULT 'manual', "person_id" uuid, "application_id" uuid, "stage_id" uuid, "interview_id" uuid, "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_907df9c645abec36178ad190dd" ON "tasks"  ("user_id", "due_on") `);
        await queryRunner.query(`CREATE TABLE "interview_interviewers" ("interview_id" uuid NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "PK_4a93097510d97828367c060e160" PRIMARY KEY ("interview_id", "person_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_d560d2bb68ad33d555887e9812" ON "interview_interviewers"  ("interview_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3a7a4a416daebcea3256b6d6c6" ON "interview_interviewers"  ("person_id") `);
        await queryRunner.query(`ALTER TABLE "people" ADD "next_follow_up_reason" text`);
        await queryRunner.query(`ALTER TABLE "interactions" ADD "asked" text`);
        await queryRunner.query(`ALTER TABLE "stage_templates" ADD CONSTRAINT "FK_c6e434e2164410e4c7183bfb18c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_stages" ADD CONSTRAINT "FK_10b78510331dc082668b83f7fdc" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_8808eef8dd417f90bcf91cb9fb6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_a36ed02953077f408d0f3ebc424" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_fe6e522f9d864dd3a2289ace8c2" FOREIGN KEY ("recruiter_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_b9fc9d4e1d9aa6a5318304ef3aa" FOREIGN KEY ("template_id") REFERENCES "stage_templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_bd556d167fecef19cc99de99877" FOREIGN KEY ("rerouted_from_id") REFERENCES "applications"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_moves" ADD CONSTRAINT "FK_c7fba19d436b6195e12f204af3e" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "interviews" ADD CONSTRAINT "FK_77f7078daea9f2b36e9ff761bd1" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "interviews" ADD CONSTRAINT "FK_336c1a1b0014f287a5e2885b9fd" FOREIGN KEY ("stage_id") REFERENCES "application_stages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_868e9c53847d762b5b1d20bb4b1" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_18af9fcaffac6d6d3b28130e149" FOREIGN KEY ("referrer_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_b8e732785c26b7c535a5f9bef47" FOREIGN KEY ("recruiter_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_83a6ee849490bdffd8533101ee7" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_abb18969c2d02905658dbb9916a" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_17f963c78faafb63f7992ce0240" FOREIGN KEY ("stage_id") REFERENCES "application_stages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_45a5c24bb3d96a53194d68bdac7" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "interview_interviewers" ADD CONSTRAINT "FK_d560d2bb68ad33d555887e98129" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "interview_interviewers" ADD CONSTRAINT "FK_3a7a4a416daebcea3256b6d6c66" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "interview_interviewers" DROP CONSTRAINT "FK_3a7a4a416daebcea3256b6d6c66"`);
        await queryRunner.query(`ALTER TABLE "interview_interviewers" DROP CONSTRAINT "FK_d560d2bb68ad33d555887e98129"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_45a5c24bb3d96a53194d68bdac7"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_17f963c78faafb63f7992ce0240"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_abb18969c2d02905658dbb9916a"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_83a6ee849490bdffd8533101ee7"`);
        await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_b8e732785c26b7c535a5f9bef47"`);
        await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_18af9fcaffac6d6d3b28130e149"`);
        await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_868e9c53847d762b5b1d20bb4b1"`);
        await queryRunner.query(`ALTER TABLE "interviews" DROP CONSTRAINT "FK_336c1a1b0014f287a5e2885b9fd"`);
        await queryRunner.query(`ALTER TABLE "interviews" DROP CONSTRAINT "FK_77f7078daea9f2b36e9ff761bd1"`);
        await queryRunner.query(`ALTER TABLE "application_moves" DROP CONSTRAINT "FK_c7fba19d436b6195e12f204af3e"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_bd556d167fecef19cc99de99877"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_b9fc9d4e1d9aa6a5318304ef3aa"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_fe6e522f9d864dd3a2289ace8c2"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_a36ed02953077f408d0f3ebc424"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_8808eef8dd417f90bcf91cb9fb6"`);
        await queryRunner.query(`ALTER TABLE "application_stages" DROP CONSTRAINT "FK_10b78510331dc082668b83f7fdc"`);
        await queryRunner.query(`ALTER TABLE "stage_templates" DROP CONSTRAINT "FK_c6e434e2164410e4c7183bfb18c"`);
        await queryRunner.query(`ALTER TABLE "interactions" DROP COLUMN "asked"`);
        await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "next_follow_up_reason"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3a7a4a416daebcea3256b6d6c6"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d560d2bb68ad33d555887e9812"`);
        await queryRunner.query(`DROP TABLE "interview_interviewers"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_907df9c645abec36178ad190dd"`);
        await queryRunner.query(`DROP TABLE "tasks"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_725a1591a10f696d2dea7dc9c1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e9b93243caa664acd985ca39c5"`);
        await queryRunner.query(`DROP TABLE "referrals"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5b6f60ded59229b29e7ba1b92b"`);
        await queryRunner.query(`DROP TABLE "interviews"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_df53b5f17d35a6bac0fb13e16a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3212ce9ff23847e66347a6730d"`);
        await queryRunner.query(`DROP TABLE "calendar_feeds"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b7fc82f3e19d55bca90f8dc406"`);
        await queryRunner.query(`DROP TABLE "application_moves"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_78c185d7bf3709d049d60c3994"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_74ec786d915f5ec444d00eb492"`);
        await queryRunner.query(`DROP TABLE "applications"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ced34aacc8f60a80ede3108861"`);
        await queryRunner.query(`DROP TABLE "application_stages"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_54d347fe66e6d1a6fffcca600d"`);
        await queryRunner.query(`DROP TABLE "stage_templates"`);
    }

}
