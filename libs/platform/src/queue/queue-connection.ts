import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { AppConfig } from '../config/app-config';

/**
 * BullMQ runs on Redis when REDIS_URL is set and on PostgreSQL otherwise. The PostgreSQL backend is
 * process-wide, so it must be selected before any queue or worker is created.
 */
export function bullConnection(queue: AppConfig['queue']): { connection: object; prefix?: string } {
  if (queue.backend === 'redis') {
    setDefaultBackendFactory();
    return { connection: redisOptions(queue.url), prefix: queue.prefix };
  }
  setDefaultBackendFactory(createPostgresBackend);
  // The PostgreSQL backend namespaces queues by schema instead of a key prefix. Every queue, worker
  // and flow producer opens its own pool (a worker also holds one LISTEN connection), and a process
  // runs a queue per kind of job: one pooled connection each (BullMQ's documented minimum), closed
  // soon after it goes idle, keeps the API and the worker together around 30 connections, well
  // under PostgreSQL's default max_connections of 100.
  return { connection: { connectionString: queue.url, migrate: true, schema: schemaName(queue.prefix), max: 1, idleTimeoutMillis: 2_000 } };
}

export function redisOptions(url: string): Record<string, unknown> {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's workers block on Redis; it requires this to be null.
    maxRetriesPerRequest: null,
  };
}

/** The PostgreSQL schema the PostgreSQL backend keeps a queue namespace in. */
export function schemaName(prefix: string): string {
  return `bullmq_${prefix.replace(/[^a-zA-Z0-9_]/g, '_')}`.toLowerCase();
}
