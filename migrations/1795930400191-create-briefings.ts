import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateBriefings1795930400191 implements MigrationInterface {
    name = 'CreateBriefings1795930400191'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "briefings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "interview_id" uuid NOT NULL, "version" integer NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL, "for_starts_at" TIMESTAMP WITH TIME ZONE, "content" jsonb, "markdown" text, "html" text, "changes" jsonb NOT NULL DEFAULT '[]', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "generated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_388798f424958f8c105d3b3d4b6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_52a28edda48c7cc9baecb4b55a" ON "briefings"  ("user_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_5a8288b84408afa7780ec3052e" ON "briefings"  ("interview_id", "version") `);
        await queryRunner.query(`ALTER TABLE "briefings" ADD CONSTRAINT "FK_6ace33799b79a255b9e2f8bfff8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "briefings" ADD CONSTRAINT "FK_5eace42b6ad717413c1ed722aea" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "briefings" DROP CONSTRAINT "FK_5eace42b6ad717413c1ed722aea"`);
        await queryRunner.query(`ALTER TABLE "briefings" DROP CONSTRAINT "FK_6ace33799b79a255b9e2f8bfff8"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5a8288b84408afa7780ec3052e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_52a28edda48c7cc9baecb4b55a"`);
        await queryRunner.query(`DROP TABLE "briefings"`);
    }

}
