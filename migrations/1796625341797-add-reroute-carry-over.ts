import { MigrationInterface, QueryRunner } from 'typeorm';

/** A reroute carries referrals and the recruiter over: the new referral names its origin, both reroute moves what was carried. */
export class AddRerouteCarryOver1796625341797 implements MigrationInterface {
  name = 'AddRerouteCarryOver1796625341797';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referrals" ADD "carried_from_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_4299c99638fb2cf12060941ccbc" FOREIGN KEY ("carried_from_id") REFERENCES "referrals"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "application_moves" ADD "carried_referral_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "application_moves" ADD "carried_recruiter" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application_moves" DROP COLUMN "carried_recruiter"`);
    await queryRunner.query(`ALTER TABLE "application_moves" DROP COLUMN "carried_referral_ids"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_4299c99638fb2cf12060941ccbc"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP COLUMN "carried_from_id"`);
  }
}
