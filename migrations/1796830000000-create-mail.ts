import { MigrationInterface, QueryRunner } from "typeorm";

/** Mail: each account's settings (address, kinds on/off, digest hour, briefing lead time) and the log of what was sent, without bodies. */
export class CreateMail1796830000000 implements MigrationInterface {
    name = 'CreateMail1796830000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "mail_settings" ("user_id" uuid NOT NULL, "address" text, "digest_on" boolean NOT NULL DEFAULT true, "briefing_on" boolean NOT NULL DEFAULT true, "account_on" boolean NOT NULL DEFAULT true, "digest_hour" smallint NOT NULL DEFAULT '7', "briefing_lead_hours" smallint NOT NULL DEFAULT '24', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_mail_settings" PRIMARY KEY ("user_id"))
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "to_address" text NOT NULL, "subject" text, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "error" text, "dedupe_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_mail_log" PRIMARY KEY ("id"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_mail_log_user_created" ON "mail_log" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_mail_log_user_dedupe" ON "mail_log" ("user_id", "dedupe_key") WHERE dedupe_key IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_settings" ADD CONSTRAINT "FK_mail_settings_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_log" ADD CONSTRAINT "FK_mail_log_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "mail_log"`);
        await queryRunner.query(`DROP TABLE "mail_settings"`);
    }
}
