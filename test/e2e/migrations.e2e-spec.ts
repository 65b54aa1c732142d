import { DataSource } from 'typeorm';
import { ENTITIES } from '#domain/entities';
import { dataSourceOptions } from '#platform';
import { MIGRATIONS } from '../../migrations/index';
import { createTestDatabase } from '../support/database';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await database.drop();
  });

  it('match the entities: generating a migration now would produce nothing', async () => {
    // The same comparison `typeorm migration:generate --check` makes.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('all run, and every one can be reverted and applied again', async () => {
    expect(await ds.showMigrations()).toBe(false);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const [{ count }] = await ds.query("SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'");
    expect(count).toBe(0);
    await ds.runMigrations({ transaction: 'each' });
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
