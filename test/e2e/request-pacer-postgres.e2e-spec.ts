import { Pool } from 'pg';
import { createRequestPacer, PostgresPacingStore } from '#platform/http/request-pacer';
import { createTestDatabase } from '../support/database';

/**
 * Without Redis the pacing slots live in PostgreSQL (table request_pacing). Two installations that
 * share a database server and database but not a queue namespace (QUEUE_PREFIX) pace apart, as
 * they do on Redis: one's OpenAlex requests never wait for the other's.
 */
describe('request pacing on PostgreSQL, per queue namespace', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('keeps each installation in its own slots, and orders the senders of one', async () => {
    // As createRequestPacer makes them from QUEUE_PREFIX "install-a" and "install-b"; a 10 s gap, so a slow machine cannot blur the waits.
    const a = new PostgresPacingStore(pool, 'install-a:pacing:');
    const b = new PostgresPacingStore(pool, 'install-b:pacing:');
    expect(await a.reserve('openalex', 10_000)).toBe(0);
    // The other installation's first request does not wait behind the first one's slot…
    expect(await b.reserve('openalex', 10_000)).toBe(0);
    // …while the first installation's next one does.
    expect(await a.reserve('openalex', 10_000)).toBeGreaterThan(9_000);

    const pacer = createRequestPacer({ backend: 'postgres', url: db.url, prefix: 'install-c' }, pool, { openalex: 50 });
    await pacer.beforeSend('openalex');
    const keys = (await pool.query<{ key: string }>('SELECT key FROM request_pacing ORDER BY key')).rows.map((r) => r.key);
    expect(keys).toEqual(['install-a:pacing:openalex', 'install-b:pacing:openalex', 'install-c:pacing:openalex']);
  });
});
