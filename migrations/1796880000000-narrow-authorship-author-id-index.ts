import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The (source, source_author_id) index of work_authorships holds only the authorships that have an
 * author id, as the ORCID index already does: Crossref, ORCID's contributor lists and arXiv (whose
 * ids are author queries, kept in work_author_queries) give none, and each of their author places
 * paid for an entry no lookup reads. Every lookup is an equality on the id, which implies it is not
 * null, so the planner takes the partial index alike (a parameterized index scan for the joins).
 */
export class NarrowAuthorshipAuthorIdIndex1796880000000 implements MigrationInterface {
    name = 'NarrowAuthorshipAuthorIdIndex1796880000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_38b9fac797d898c28fd56d1833"`);
        await queryRunner.query(`CREATE INDEX "IDX_634f30cb10f86a0055b356ed09" ON "work_authorships" ("source", "source_author_id") WHERE source_author_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_634f30cb10f86a0055b356ed09"`);
        await queryRunner.query(`CREATE INDEX "IDX_38b9fac797d898c28fd56d1833" ON "work_authorships" ("source", "source_author_id") `);
    }
}
