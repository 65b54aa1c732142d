import { MigrationInterface, QueryRunner } from 'typeorm';

/** The user's reading goal: the share of a checklist read that completes a reading prep task. */
export class CreateReadingGoals1796626019407 implements MigrationInterface {
  name = 'CreateReadingGoals1796626019407';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reading_goals" ("user_id" uuid NOT NULL, "coverage_target" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_reading_goals" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`ALTER TABLE "reading_goals" ADD CONSTRAINT "FK_035c9db4a6f9020948832f595ec" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reading_goals" DROP CONSTRAINT "FK_035c9db4a6f9020948832f595ec"`);
    await queryRunner.query(`DROP TABLE "reading_goals"`);
  }
}
