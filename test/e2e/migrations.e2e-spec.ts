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

  it('give a server that had accounts before roles its admin (the oldest account), and old tokens both scopes', async () => {
    const executed = async (): Promise<string[]> => (await ds.query('SELECT name FROM migrations')).map((m: { name: string }) => m.name);
    while ((await executed()).some((name) => name.startsWith('AddRolesSessionsSecurityEvents'))) await ds.undoLastMigration({ transaction: 'each' });
    const [older] = await ds.query("INSERT INTO users (email, display_name, password_hash, created_at) VALUES ('older@example.org', 'older', 'x', now() - interval '1 day') RETURNING id");
    const [newer] = await ds.query("INSERT INTO users (email, display_name, password_hash) VALUES ('newer@example.org', 'newer', 'x') RETURNING id");
    await ds.query("INSERT INTO access_tokens (user_id, kind, name, token_hash, token_prefix) VALUES ($1, 'personal', 'old script', 'hash', 'dsr_abcdef')", [newer.id]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.query('SELECT id, role FROM users ORDER BY created_at')).toEqual([
      { id: older.id, role: 'admin' },
      { id: newer.id, role: 'user' },
    ]);
    expect(await ds.query('SELECT scopes FROM access_tokens')).toEqual([{ scopes: ['read', 'write'] }]);
  });
});
