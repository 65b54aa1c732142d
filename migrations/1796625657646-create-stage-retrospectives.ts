import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateStageRetrospectives1796625657646 implements MigrationInterface {
    name = 'CreateStageRetrospectives1796625657646'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "stage_retrospectives" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "stage_id" uuid NOT NULL,
                "went_well" text,
                "went_badly" text,
                "do_differently" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_f4ce4001096943b5a366c702d73" UNIQUE ("stage_id"),
                CONSTRAINT "REL_f4ce4001096943b5a366c702d7" UNIQUE ("stage_id"),
                CONSTRAINT "PK_8708c8c4a562eafd73e8b5c81c2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4c7decf58a910a2379519a29c7" ON "stage_retrospectives" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "stage_retrospectives"
            ADD CONSTRAINT "FK_f4ce4001096943b5a366c702d73" FOREIGN KEY ("stage_id") REFERENCES "application_stages"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "stage_retrospectives" DROP CONSTRAINT "FK_f4ce4001096943b5a366c702d73"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4c7decf58a910a2379519a29c7"
        `);
        await queryRunner.query(`
            DROP TABLE "stage_retrospectives"
        `);
    }

}
