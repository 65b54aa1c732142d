import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateNetworkSchema1795889026096 implements MigrationInterface {
    name = 'CreateNetworkSchema1795889026096'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "time_zone" text NOT NULL DEFAULT 'UTC', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "access_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_65140f59763ff994a0252488166" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_09ee750a035b06e0c7f0704687" ON "access_tokens"  ("user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9bbf8c3c1a897742f78d50e729" ON "access_tokens"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "import_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "format" text NOT NULL, "status" text NOT NULL, "total_items" integer NOT NULL DEFAULT '0', "processed_items" integer NOT NULL DEFAULT '0', "payload" text, "report" jsonb, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2f4f95d6fde4a7602f6b79f10e8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_a8b43e3be0f1da949bdb1fdaf2" ON "import_runs"  ("user_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "name" text NOT NULL, "name_folded" text NOT NULL, "description" text, "research_notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4e99396ebf4c0cc34e77c12a16" ON "teams"  ("organization_id", "name_folded") `);
        await queryRunner.query(`CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" text NOT NULL, "name_folded" text NOT NULL, "website" text, "description" text, "research_notes" text, "tags" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4b125683304670c3283237545a" ON "organizations"  ("user_id", "name_folded") `);
        await queryRunner.query(`CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "full_name" text NOT NULL, "given_name" text, "family_name" text, "name_folded" text NOT NULL, "headline" text, "role" text, "organization_id" uuid, "team_id" uuid, "emails" text array NOT NULL DEFAULT '{}', "links" jsonb NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "how_we_met" text, "relationship_stage" text NOT NULL DEFAULT 'stranger', "notes" text, "next_follow_up_at" date, "follow_up_cadence_days" integer, "last_interaction_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_0c2ee05d83c75956ceee3f0079" ON "people"  ("user_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_4802fa073cd4560167aba563b2" ON "people"  ("user_id", "next_follow_up_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_db236f2726f2ae2aaf9c60ca76" ON "people"  ("user_id", "name_folded") `);
        await queryRunner.query(`CREATE TABLE "interactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "person_id" uuid NOT NULL, "type" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "channel" text, "summary" text NOT NULL, "offered" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_911b7416a6671b4148b18c18ecb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_a6f41573fc44a0b6fcfcd46bb3" ON "interactions"  ("person_id", "occurred_at") `);
        await queryRunner.query(`ALTER TABLE "access_tokens" ADD CONSTRAINT "FK_09ee750a035b06e0c7f0704687e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "FK_fdc736f761896ccc179c823a785" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "people" ADD CONSTRAINT "FK_cf52f7332103f758b27bd99c5ef" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "people" ADD CONSTRAINT "FK_6b7b841de9de9db18199f718ee9" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "interactions" ADD CONSTRAINT "FK_44e13f74941e510a0802c1d121f" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Written by hand (TypeORM cannot declare these): duplicate detection looks people up by email and LinkedIn URL.
        await queryRunner.query(`CREATE INDEX "IDX_people_emails" ON "people" USING gin ("emails")`);
        await queryRunner.query(`CREATE INDEX "IDX_people_linkedin" ON "people" ("user_id", ("links"->>'linkedin'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_people_linkedin"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_people_emails"`);
        await queryRunner.query(`ALTER TABLE "interactions" DROP CONSTRAINT "FK_44e13f74941e510a0802c1d121f"`);
        await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_6b7b841de9de9db18199f718ee9"`);
        await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_cf52f7332103f758b27bd99c5ef"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_fdc736f761896ccc179c823a785"`);
        await queryRunner.query(`ALTER TABLE "access_tokens" DROP CONSTRAINT "FK_09ee750a035b06e0c7f0704687e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a6f41573fc44a0b6fcfcd46bb3"`);
        await queryRunner.query(`DROP TABLE "interactions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_db236f2726f2ae2aaf9c60ca76"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4802fa073cd4560167aba563b2"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0c2ee05d83c75956ceee3f0079"`);
        await queryRunner.query(`DROP TABLE "people"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4b125683304670c3283237545a"`);
        await queryRunner.query(`DROP TABLE "organizations"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4e99396ebf4c0cc34e77c12a16"`);
        await queryRunner.query(`DROP TABLE "teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a8b43e3be0f1da949bdb1fdaf2"`);
        await queryRunner.query(`DROP TABLE "import_runs"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9bbf8c3c1a897742f78d50e729"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_09ee750a035b06e0c7f0704687"`);
        await queryRunner.query(`DROP TABLE "access_tokens"`);
        await queryRunner.query(`DROP TABLE "users"`);
    }

}
