import { MigrationInterface, QueryRunner } from "typeorm";

/** Which `task.due` and `follow-up.due` events were announced, one per item and due date. */
export class CreateWebhookDueNotices1796850000001 implements MigrationInterface {
    name = 'CreateWebhookDueNotices1796850000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook_due_notices" ("kind" text NOT NULL, "item_id" uuid NOT NULL, "due_on" date NOT NULL, "user_id" uuid NOT NULL, "announced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d45f5be3cf6bbb21ef56d0b3050" PRIMARY KEY ("kind", "item_id", "due_on"))
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d914a420250f8b61caf960f45e" ON "webhook_due_notices"  ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_due_notices" ADD CONSTRAINT "FK_d914a420250f8b61caf960f45e8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "webhook_due_notices"`);
    }
}
