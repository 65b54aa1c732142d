import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose `user_id` had no foreign key to users: the records that now extend OwnedRecord,
 * and person_sync_settings. Each constraint has the name TypeORM derives for it, so the schema
 * matches the entities.
 */
const USER_FOREIGN_KEYS: [table: string, constraint: string][] = [
  ['teams', 'FK_5dd7d34e6410bba0db7bcc1e045'],
  ['organizations', 'FK_245468c5a2914202a3081b1494e'],
  ['people', 'FK_e2bceeacac0dd5be3d8c37b068c'],
  ['stage_templates', 'FK_fe02dc48e4bef4943db7c8a374b'],
  ['application_stages', 'FK_4a659067ed3d70dd4c4f3bdec0d'],
  ['applications', 'FK_9e7594d5b474d9cbebba15c1ae7'],
  ['application_moves', 'FK_0accae0832fbef568ecce9567c3'],
  ['stage_retrospectives', 'FK_20ac3d72d9520c9d4d94c7043fd'],
  ['calendar_feeds', 'FK_3212ce9ff23847e66347a6730d3'],
  ['import_runs', 'FK_808cad4bf925fbea4ce19870b78'],
  ['interactions', 'FK_59962fa0fe4a491273c402e93fa'],
  ['interviews', 'FK_b6fa4e1fab2f948fb14c736cd7a'],
  ['interviewer_notes', 'FK_5f584f7eb77f0f6ffd62fc5a192'],
  ['referrals', 'FK_e50e512dfe4917ab32317cd40a1'],
  ['scholarly_identities', 'FK_c9987d3abfa1b77c40d1bc7e8f9'],
  ['sync_runs', 'FK_6c5ad58848a3ace8cc00a75419b'],
  ['person_sync_settings', 'FK_47f3584881f8424922bfcb9bd51'],
  ['tasks', 'FK_db55af84c226af9dce09487b61b'],
  ['reading_entries', 'FK_bf4bb5068a843ffe1004554d86c'],
  ['reading_checklist_settings', 'FK_94df6231e6fdf38a9686f58106f'],
  ['study_sessions', 'FK_5ea09953d6fd1462a931a596e23'],
  ['study_plans', 'FK_a23248b3753cee30205a45cc189'],
  ['study_plan_items', 'FK_8e06f44bf302e50162b26bacc60'],
  ['practice_drills', 'FK_c61ee25b969236b134648ed1b65'],
];

/**
 * Every account record is deleted with its account: a `user_id` foreign key (ON DELETE CASCADE) on
 * each table that had none. Rows whose account no longer exists are deleted first, since one such
 * row would make adding the constraint fail; none should exist.
 */
export class AddUserForeignKeys1796870000000 implements MigrationInterface {
  name = 'AddUserForeignKeys1796870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, constraint] of USER_FOREIGN_KEYS) {
      await queryRunner.query(`DELETE FROM "${table}" t WHERE NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = t."user_id")`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${constraint}" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The orphans deleted on the way up are gone: only the constraints come off.
    for (const [table, constraint] of [...USER_FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);
    }
  }
}
