import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateWorksSchema1795921460018 implements MigrationInterface {
    name = 'CreateWorksSchema1795921460018'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "scholarly_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "person_id" uuid NOT NULL, "source" text NOT NULL, "source_author_id" text NOT NULL, "name" text, "status" text NOT NULL DEFAULT 'linked', "linked_by" text NOT NULL DEFAULT 'user', "sync_state" text NOT NULL DEFAULT 'never', "broken_reason" text, "last_synced_at" TIMESTAMP WITH TIME ZONE, "last_snapshot" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6caae276c6107ad3fe9c25026de" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9881d17490651962f5bf5f96d4" ON "scholarly_identities"  ("source", "source_author_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c3afd340b36f924ddc2e87ba46" ON "scholarly_identities"  ("user_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3b1a011230684c19a65ea2640b" ON "scholarly_identities"  ("person_id", "source", "source_author_id") `);
        await queryRunner.query(`CREATE TABLE "sync_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "person_id" uuid NOT NULL, "identity_id" uuid NOT NULL, "source" text NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL DEFAULT 'running', "requests" integer NOT NULL DEFAULT '0', "works_new" integer NOT NULL DEFAULT '0', "works_updated" integer NOT NULL DEFAULT '0', "works_unchanged" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4ecd6dc0102e2f97a770038eb6" ON "sync_runs"  ("user_id", "person_id", "started_at") `);
        await queryRunner.query(`CREATE TABLE "works" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "title_key" text NOT NULL, "year" integer, "publication_date" text, "venue" text, "type" text NOT NULL, "doi" text, "arxiv_id" text, "first_author_key" text, "citation_count" integer, "abstract" text, "open_access_url" text, "pdf_url" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9ffbf516ba6e52604b29e5cce0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_af3de1b43124dd4e90c2aa7050" ON "works"  ("doi") WHERE doi IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0490d146b65b11a2ada258e1f0" ON "works"  ("arxiv_id") WHERE arxiv_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_ebbbc3e62658ac64394e5aa1fa" ON "works"  ("title_key", "year") `);
        await queryRunner.query(`CREATE TABLE "work_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "work_id" uuid NOT NULL, "source" text NOT NULL, "source_id" text NOT NULL, "source_url" text NOT NULL, "record" jsonb NOT NULL, "content_hash" text NOT NULL, "citation_count" integer, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f68bc319f4f758a975804787331" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_233f08b0c9c3e1bafd478f4cb0" ON "work_records"  ("work_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6f5a0476036bfd07cc03547d0f" ON "work_records"  ("source", "source_id") `);
        await queryRunner.query(`CREATE TABLE "work_authorships" ("record_id" uuid NOT NULL, "position" integer NOT NULL, "work_id" uuid NOT NULL, "source" text NOT NULL, "name" text NOT NULL, "source_author_id" text, "orcid" text, "author_count" integer NOT NULL, CONSTRAINT "PK_353edb777edafd006a38795f663" PRIMARY KEY ("record_id", "position"))`);
        await queryRunner.query(`CREATE INDEX "IDX_91726372e0cc9bb51791339ec6" ON "work_authorships"  ("orcid") `);
        await queryRunner.query(`CREATE INDEX "IDX_38b9fac797d898c28fd56d1833" ON "work_authorships"  ("source", "source_author_id") `);
        await queryRunner.query(`ALTER TABLE "scholarly_identities" ADD CONSTRAINT "FK_ce6a938c886f0c833b7a219ea3d" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sync_runs" ADD CONSTRAINT "FK_643734b96af930d5a9de82cee7b" FOREIGN KEY ("identity_id") REFERENCES "scholarly_identities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "work_records" ADD CONSTRAINT "FK_233f08b0c9c3e1bafd478f4cb0f" FOREIGN KEY ("work_id") REFERENCES "works"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "work_authorships" ADD CONSTRAINT "FK_dac55b0815813a0e020f22151f4" FOREIGN KEY ("record_id") REFERENCES "work_records"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "work_authorships" DROP CONSTRAINT "FK_dac55b0815813a0e020f22151f4"`);
        await queryRunner.query(`ALTER TABLE "work_records" DROP CONSTRAINT "FK_233f08b0c9c3e1bafd478f4cb0f"`);
        await queryRunner.query(`ALTER TABLE "sync_runs" DROP CONSTRAINT "FK_643734b96af930d5a9de82cee7b"`);
        await queryRunner.query(`ALTER TABLE "scholarly_identities" DROP CONSTRAINT "FK_ce6a938c886f0c833b7a219ea3d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_38b9fac797d898c28fd56d1833"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_91726372e0cc9bb51791339ec6"`);
        await queryRunner.query(`DROP TABLE "work_authorships"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6f5a0476036bfd07cc03547d0f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_233f08b0c9c3e1bafd478f4cb0"`);
        await queryRunner.query(`DROP TABLE "work_records"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ebbbc3e62658ac64394e5aa1fa"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0490d146b65b11a2ada258e1f0"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_af3de1b43124dd4e90c2aa7050"`);
        await queryRunner.query(`DROP TABLE "works"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4ecd6dc0102e2f97a770038eb6"`);
        await queryRunner.query(`DROP TABLE "sync_runs"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3b1a011230684c19a65ea2640b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c3afd340b36f924ddc2e87ba46"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9881d17490651962f5bf5f96d4"`);
        await queryRunner.query(`DROP TABLE "scholarly_identities"`);
    }

}
