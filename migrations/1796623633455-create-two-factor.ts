import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateTwoFactor1796623633455 implements MigrationInterface {
    name = 'CreateTwoFactor1796623633455'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "user_two_factor" ("user_id" uuid NOT NULL, "secret_sealed" text NOT NULL, "enabled_at" TIMESTAMP WITH TIME ZONE, "last_used_step" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0e865d85e0ad6329b40523afe55" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "two_factor_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6f535a18c9fb9da8cc9b7ea70dc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8c727ef386226c6af2fbcee266" ON "two_factor_recovery_codes"  ("user_id", "code_hash") `);
        await queryRunner.query(`ALTER TABLE "user_two_factor" ADD CONSTRAINT "FK_0e865d85e0ad6329b40523afe55" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "two_factor_recovery_codes" ADD CONSTRAINT "FK_dd306548ffdd22f617146670845" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "two_factor_recovery_codes" DROP CONSTRAINT "FK_dd306548ffdd22f617146670845"`);
        await queryRunner.query(`ALTER TABLE "user_two_factor" DROP CONSTRAINT "FK_0e865d85e0ad6329b40523afe55"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8c727ef386226c6af2fbcee266"`);
        await queryRunner.query(`DROP TABLE "two_factor_recovery_codes"`);
        await queryRunner.query(`DROP TABLE "user_two_factor"`);
    }

}
