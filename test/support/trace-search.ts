import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { redisOptions } from '#platform';

/** Where a needle was found: `schema.table.column` in the database, or `redis <key>`. */
export interface Trace {
  needle: string;
  where: string;
}

/**
 * Every column of every table in every schema of the database that can hold text (text, varchar,
 * char, json, jsonb, arrays, enums), searched for each needle, case aside. Generic on purpose: a
 * table added later is searched without changing this. The PostgreSQL queue backend's schema is in
 * the same database, so its jobs and events are searched too.
 */
export async function findTracesInDatabase(db: DataSource, needles: string[]): Promise<Trace[]> {
  const columns = (await db.query(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
      ORDER BY 1, 2, 3`,
  )) as { schema: string; table: string; column: string }[];
  if (columns.length < 20) throw new Error(`only ${columns.length} text columns found: is this a migrated database?`);
  const found: Trace[] = [];
  for (const { schema, table, column } of columns) {
    const [{ hits }] = (await db.query(
      `SELECT array_agg(DISTINCT n) FILTER (WHERE n IS NOT NULL) AS hits
         FROM "${schema}"."${table}" AS r CROSS JOIN unnest($1::text[]) AS needle(n)
        WHERE strpos(lower(r."${column}"::text), lower(needle.n)) > 0`,
      [needles],
    )) as { hits: string[] | null }[];
    for (const needle of hits ?? []) found.push({ needle, where: `${schema}.${table}.${column}` });
  }
  return found;
}

/** Every key of a Redis queue namespace, whatever its type (job hashes, lists, sets, streams, logs), searched for each needle. */
export async function findTracesInRedis(url: string, prefix: string, needles: string[]): Promise<Trace[]> {
  const redis = new Redis(redisOptions(url) as never);
  const found: Trace[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const text = (await redisValue(redis, key)).toLowerCase();
        for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push({ needle, where: `redis ${key}` });
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return found;
}

async function redisValue(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    case 'none':
      return '';
    default:
      throw new Error(`redis key ${key} has a type this search cannot read: ${type}`);
  }
}
