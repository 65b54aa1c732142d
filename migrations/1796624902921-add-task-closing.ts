import { MigrationInterface, QueryRunner } from 'typeorm';

/** Prep tasks settled with their application: kept, with when and why, out of the due lists. */
export class AddTaskClosing1796624902921 implements MigrationInterface {
  name = 'AddTaskClosing1796624902921';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "closed_reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "closed_reason"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "closed_at"`);
  }
}
