import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Whether each record a name query (arXiv) attributes to a person is theirs: the evidence found
 * and the user's own decision (accepted or rejected), per person and so per account. Records
 * synced before have no row and count as before until their next sync evaluates them.
 */
export class CreateWorkAttributions1796740000000 implements MigrationInterface {
    name = 'CreateWorkAttributions1796740000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "work_attributions" (
                "person_id" uuid NOT NULL,
                "record_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" text NOT NULL,
                "evidence" jsonb NOT NULL DEFAULT '[]',
                "decision" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_86e6b0ee32887871704510206d8" PRIMARY KEY ("person_id", "record_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a62ce1b6b16bebedc8639d939b" ON "work_attributions" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "work_attributions"
            ADD CONSTRAINT "FK_a5ddeaa80111388857c66f6fcd1" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_attributions"
            ADD CONSTRAINT "FK_5b1a27c5948ca8e68bd672256d6" FOREIGN KEY ("record_id") REFERENCES "work_records"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_attributions"
            ADD CONSTRAINT "FK_a62ce1b6b16bebedc8639d939be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_attributions" DROP CONSTRAINT "FK_a62ce1b6b16bebedc8639d939be"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_attributions" DROP CONSTRAINT "FK_5b1a27c5948ca8e68bd672256d6"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_attributions" DROP CONSTRAINT "FK_a5ddeaa80111388857c66f6fcd1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a62ce1b6b16bebedc8639d939b"
        `);
        await queryRunner.query(`
            DROP TABLE "work_attributions"
        `);
    }

}
