import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp, createHttpAdapter } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { AppConfig, CLOCK, Clock, loadConfig, redisOptions } from '#platform';
import { createTestDatabase } from './database';

export type QueueBackend = 'redis' | 'postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: NestFastifyApplication;
  worker?: INestApplicationContext;
  config: AppConfig;
  db: DataSource;
  http: () => TestAgent;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  queue?: QueueBackend;
  /** Start the worker app (BullMQ processors) beside the API, in-process. */
  worker?: boolean;
  env?: Record<string, string>;
  /** The time the app reads where a test moves time (sign-in throttle, two-factor codes). */
  clock?: Clock;
  /** Another app's database (and, with the same QUEUE_PREFIX in env, its queues), to run a second process on it; dropped by its owner. */
  databaseUrl?: string;
  /** Providers replaced in the API and the worker (e.g. the webhooks' resolver, to answer test names). */
  overrides?: { token: unknown; value: unknown }[];
}

/** One server key for every app of a test file, so that apps sharing a database read each other's sealed secrets. */
export const TEST_SECRET_KEY = randomBytes(32).toString('base64');

/** The real API (and worker) on a fresh database and a private queue namespace. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const prefix = `t${process.pid}${Math.random().toString(36).slice(2, 8)}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: (options.queue ?? 'redis') === 'redis' ? TEST_REDIS_URL : '',
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'pretty',
    SECRET_KEY: TEST_SECRET_KEY,
    // Suites send hundreds of requests a minute from one token or address; the limit's own suite sets it low.
    RATE_LIMIT: '100000/1m',
    // Tests register many accounts; the registration-mode tests set their own.
    REGISTRATION: 'open',
    ...options.env,
  });
  const builder = Test.createTestingModule({ imports: [ApiModule.forRoot(config)] });
  if (options.clock) builder.overrideProvider(CLOCK).useValue(options.clock);
  for (const o of options.overrides ?? []) builder.overrideProvider(o.token).useValue(o.value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { logger: ['error', 'fatal'] });
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  let worker: INestApplicationContext | undefined;
  if (options.worker) {
    const workerBuilder = Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] });
    for (const o of options.overrides ?? []) workerBuilder.overrideProvider(o.token).useValue(o.value);
    // The worker keeps the test's time too: a briefing it writes stands where the API's answers do.
    if (options.clock) workerBuilder.overrideProvider(CLOCK).useValue(options.clock);
    worker = await workerBuilder.compile();
    await worker.init();
  }
  const db = app.get(DataSource);
  return {
    app,
    worker,
    config,
    db,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await worker?.close();
      await app.close();
      if (config.queue.backend === 'redis') await flushRedisPrefix(config.queue.url, config.queue.prefix);
      await database.drop();
    },
  };
}

/** Deletes a queue namespace's keys from Redis (tests and benchmarks each use a private prefix). */
export async function flushRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(redisOptions(url) as never);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  auth: { Authorization: string };
}

let userCounter = 0;
/** Registers a new user through the API and returns their bearer token. */
export async function registerUser(t: TestApp, overrides: { email?: string; password?: string } = {}): Promise<TestUser> {
  userCounter += 1;
  const email = overrides.email ?? `user${userCounter}-${Math.random().toString(36).slice(2, 7)}@example.org`;
  const res = await t.http().post('/auth/register').send({ email, password: overrides.password ?? 'a long enough password' }).expect(201);
  return { id: res.body.user.id, email, token: res.body.token, auth: { Authorization: `Bearer ${res.body.token}` } };
}
