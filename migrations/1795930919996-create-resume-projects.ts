import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateResumeProjects1795930919996 implements MigrationInterface {
    name = 'CreateResumeProjects1795930919996'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "resume_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "title" text NOT NULL, "summary" text, "role" text, "period_from" text, "period_to" text, "tags" text array NOT NULL DEFAULT '{}', "links" jsonb NOT NULL DEFAULT '[]', "talking_points" text array NOT NULL DEFAULT '{}', "stage_types" text array NOT NULL DEFAULT '{}', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_efd6466f7e5bdfef3f98602c2f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7d2722ab63372f5845f76eb4df" ON "resume_projects"  ("user_id", "position", "created_at") `);
        await queryRunner.query(`ALTER TABLE "resume_projects" ADD CONSTRAINT "FK_e70b143d14dcb5f43ac7be89f1f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "resume_projects" DROP CONSTRAINT "FK_e70b143d14dcb5f43ac7be89f1f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7d2722ab63372f5845f76eb4df"`);
        await queryRunner.query(`DROP TABLE "resume_projects"`);
    }

}
