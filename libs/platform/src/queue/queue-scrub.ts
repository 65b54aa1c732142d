import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { redisOptions, schemaName } from './queue-connection';

/** Whether any string inside `value` (objects and arrays walked) contains one of `needles`, which are lower case. */
export function mentionsAny(value: unknown, needles: string[]): boolean {
  if (typeof value === 'string') {
    const text = value.toLowerCase();
    return needles.some((n) => text.includes(n));
  }
  if (Array.isArray(value)) return value.some((v) => mentionsAny(v, needles));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentionsAny(v, needles));
  return false;
}

const EVENTS_PAGE = 1000;

/**
 * BullMQ keeps a log of queue events (Redis: a stream per queue; PostgreSQL: the `event` table)
 * whose `completed` entries repeat a job's result. Removing the job leaves them: this deletes the
 * entries that mention a needle (lower case), so nothing of it outlives the job.
 */
export async function scrubQueueEvents(queue: AppConfig['queue'], queueNames: string[], needles: string[]): Promise<number> {
  if (needles.length === 0) return 0;
  return queue.backend === 'redis' ? scrubRedisEvents(queue.url, queue.prefix, queueNames, needles) : scrubPostgresEvents(queue.url, queue.prefix, needles);
}

async function scrubRedisEvents(url: string, prefix: string, queueNames: string[], needles: string[]): Promise<number> {
  const redis = new Redis({ ...redisOptions(url), lazyConnect: true } as never);
  await redis.connect();
  let deleted = 0;
  try {
    for (const name of queueNames) {
      const key = `${prefix}:${name}:events`;
      let from = '-';
      for (;;) {
        const entries = await redis.xrange(key, from, '+', 'COUNT', EVENTS_PAGE);
        const matching = entries.filter(([, fields]) => mentionsAny(fields, needles)).map(([id]) => id);
        if (matching.length > 0) deleted += await redis.xdel(key, ...matching);
        if (entries.length < EVENTS_PAGE) break;
        from = `(${entries[entries.length - 1][0]}`;
      }
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

async function scrubPostgresEvents(url: string, prefix: string, needles: string[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const schema = schemaName(prefix);
    const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`"${schema}".event`]);
    if (!rows[0].exists) return 0;
    const result = await client.query(`DELETE FROM "${schema}".event WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower(data::text), n) > 0)`, [needles]);
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
