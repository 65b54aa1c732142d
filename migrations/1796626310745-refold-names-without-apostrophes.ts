import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names are folded without apostrophes now ("O'Connor" → "oconnor", so a search for "oconnor" finds
 * it): the stored folded names of people, organizations (and their aliases) and teams are folded again.
 * An organization or team whose new folded name another of the same user (or organization) already
 * has, or would get in the same run, keeps its old one, so no unique key breaks; renaming it refolds it.
 */
export class RefoldNamesWithoutApostrophes1796626310745 implements MigrationInterface {
  name = 'RefoldNamesWithoutApostrophes1796626310745';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const strip = (column: string) => `translate(${column}, E'\\'\u2018\u2019\u02BC\`\u00B4', '')`;
    const has = (column: string) => `${column} ~ E'[\\'\u2018\u2019\u02BC\`\u00B4]'`;
    await queryRunner.query(`UPDATE people SET name_folded = ${strip('name_folded')} WHERE ${has('name_folded')}`);
    await queryRunner.query(
      `UPDATE organizations o SET name_folded = ${strip('o.name_folded')} WHERE ${has('o.name_folded')}
         AND NOT EXISTS (SELECT 1 FROM organizations x WHERE x.user_id = o.user_id AND x.id <> o.id AND x.name_folded = ${strip('o.name_folded')})
         AND o.id IN (SELECT DISTINCT ON (user_id, ${strip('name_folded')}) id FROM organizations WHERE ${has('name_folded')} ORDER BY user_id, ${strip('name_folded')}, created_at, id)`,
    );
    await queryRunner.query(
      `UPDATE organizations SET aliases_folded = ARRAY(SELECT DISTINCT ${strip('a')} FROM unnest(aliases_folded) AS a)
        WHERE EXISTS (SELECT 1 FROM unnest(aliases_folded) AS a WHERE ${has('a')})`,
    );
    await queryRunner.query(
      `UPDATE teams t SET name_folded = ${strip('t.name_folded')} WHERE ${has('t.name_folded')}
         AND NOT EXISTS (SELECT 1 FROM teams x WHERE x.organization_id = t.organization_id AND x.id <> t.id AND x.name_folded = ${strip('t.name_folded')})
         AND t.id IN (SELECT DISTINCT ON (organization_id, ${strip('name_folded')}) id FROM teams WHERE ${has('name_folded')} ORDER BY organization_id, ${strip('name_folded')}, created_at, id)`,
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo in the schema. The older folding kept apostrophes, which the refolded names no
    // longer hold: a name saved again is folded by whichever code runs.
  }
}
