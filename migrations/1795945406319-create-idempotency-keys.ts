import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateIdempotencyKeys1795945406319 implements MigrationInterface {
    name = 'CreateIdempotencyKeys1795945406319'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" text NOT NULL, "fingerprint" text NOT NULL, "status" integer, "body" text, "headers" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`);
        await queryRunner.query(`CREATE INDEX "IDX_06f372d2d5b1c6e18ceb91cdf7" ON "idempotency_keys"  ("user_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_4d2181624ba2d61e76a07175198" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_4d2181624ba2d61e76a07175198"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_06f372d2d5b1c6e18ceb91cdf7"`);
        await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    }

}
