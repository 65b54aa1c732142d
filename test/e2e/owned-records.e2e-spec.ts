import { Client } from 'pg';
import { createTestDatabase } from '../support/database';

/**
 * Deleting an account deletes everything it owns: the database does it, so no table can be
 * forgotten by the code. A new table with a `user_id` and no cascading foreign key fails here.
 */
describe('account records', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('every user_id is a foreign key to users, deleted with the account', async () => {
    const { rows } = await client.query(
      `SELECT c.table_name
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.column_name = 'user_id'
          AND NOT EXISTS (
            SELECT 1
              FROM pg_constraint k
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
             WHERE k.contype = 'f' AND k.conrelid = format('%I', c.table_name)::regclass
               AND k.confrelid = 'users'::regclass AND k.confdeltype = 'c'
               AND cardinality(k.conkey) = 1 AND a.attname = 'user_id')
        ORDER BY c.table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([]);
  });
});
