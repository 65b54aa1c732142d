import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The ORCID index of work_authorships holds only the authorships that have an iD: most have none
 * (arXiv, DBLP and Semantic Scholar never give one), and every ingested author position paid for an
 * entry nobody looks up. Lookups are by equality, which a partial index answers alike.
 */
export class NarrowAuthorshipOrcidIndex1796742420000 implements MigrationInterface {
    name = 'NarrowAuthorshipOrcidIndex1796742420000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_91726372e0cc9bb51791339ec6"`);
        await queryRunner.query(`CREATE INDEX "IDX_e3efafa847ed012968dea9a855" ON "work_authorships" ("orcid") WHERE orcid IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_e3efafa847ed012968dea9a855"`);
        await queryRunner.query(`CREATE INDEX "IDX_91726372e0cc9bb51791339ec6" ON "work_authorships" ("orcid") `);
    }
}
