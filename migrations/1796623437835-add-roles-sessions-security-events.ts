import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that can be trusted on a shared server: roles and disabled accounts, invitations, where
 * each session came from and what its token may do, and the account's security events.
 * Tokens issued before this could do everything: they keep both scopes.
 */
export class AddRolesSessionsSecurityEvents1796623437835 implements MigrationInterface {
  name = 'AddRolesSessionsSecurityEvents1796623437835';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "email" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "used_by" uuid, CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_872ac94a64b3d44fc4b554780c" ON "invitations"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_2afdbc73ee1fe16cf1f3929e92" ON "invitations"  ("created_by") `);
    await queryRunner.query(`CREATE TABLE "security_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ip" text, "user_agent" text, "details" jsonb NOT NULL, CONSTRAINT "PK_6fc100d6700780737348df0d3ae" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0b65640e1dcdbb7e50341772d5" ON "security_events"  ("user_id", "at") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "role" text NOT NULL DEFAULT 'user'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "last_sign_in_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "access_tokens" ADD "scopes" text array NOT NULL DEFAULT '{read,write}'`);
    await queryRunner.query(`ALTER TABLE "access_tokens" ALTER COLUMN "scopes" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "access_tokens" ADD "created_ip" text`);
    await queryRunner.query(`ALTER TABLE "access_tokens" ADD "user_agent" text`);
    await queryRunner.query(`ALTER TABLE "access_tokens" ADD "last_ip" text`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_2afdbc73ee1fe16cf1f3929e920" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_21ddd0816bb6ded722ef096f731" FOREIGN KEY ("used_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "security_events" ADD CONSTRAINT "FK_d1891b273f5c77638d2149a9f0d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "security_events" DROP CONSTRAINT "FK_d1891b273f5c77638d2149a9f0d"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_21ddd0816bb6ded722ef096f731"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_2afdbc73ee1fe16cf1f3929e920"`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP COLUMN "last_ip"`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP COLUMN "user_agent"`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP COLUMN "created_ip"`);
    await queryRunner.query(`ALTER TABLE "access_tokens" DROP COLUMN "scopes"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_sign_in_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "disabled_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b65640e1dcdbb7e50341772d5"`);
    await queryRunner.query(`DROP TABLE "security_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2afdbc73ee1fe16cf1f3929e92"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_872ac94a64b3d44fc4b554780c"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
  }
}
