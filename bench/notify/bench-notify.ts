// `npm run bench:notify`: the daily digest's tick for many accounts, beside the plain SQL that finds the same items.
//
//   1. A fresh database `dossier_bench_notify`, migrated as the worker does at start (the worker's module
//      graph booted as an application context, with a local SMTP server started here as its SMTP_URL);
//      BENCH_USERS accounts (10,000) over five time zones, each with its due items: 2 follow-ups due
//      (and 1 later), 2 tasks due (and 1 later), an application with an interview of two interviewers
//      (in a day for half of the accounts, in ten days for the others), a referral waiting (half),
//      and for one account in ten a broken sync and a new work by an interviewer.
//   2. compose   DigestsService.compose for every account, in the tick's batches (each section one
//                statement per batch), beside the plain SQL: one statement per section over every
//                account, reading the same items without limits or names.
//      render    the text and HTML parts of every digest.
//      tick      DigestsService.tick: finds the accounts whose hour has come, claims their day,
//                composes, renders and hands each mail to the mail module; then the time until the
//                SMTP server has received every mail (the worker's send jobs), and a second tick,
//                which must send nothing.
//   3. Drops the database (kept with BENCH_KEEP=1).
//
// Environment: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_REDIS_URL or REDIS_URL (default redis://127.0.0.1:6379; BENCH_REDIS_URL=none: BullMQ on PostgreSQL),
// BENCH_USERS (10000), BENCH_REPEAT (3), BENCH_KEEP=1.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { dataSourceOptions, loadConfig } from '#platform';
import { ENTITIES } from '#domain/entities';
import { MIGRATIONS } from '../../migrations/index';
import { DigestsService, localDayAndHour } from '#domain/digests/index';
import { QueueName } from '#domain/jobs/index';
import { WorksIngestService } from '#domain/works/index';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { intEnv, measure } from '../measure';
import { SmtpSink } from '../../test/support/smtp-sink';
import { flushRedisPrefix } from '../../test/support/test-app';
import { workAuthor, workRecord } from '../../test/support/work-records';

const DB_NAME = 'dossier_bench_notify';
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const USERS = intEnv('BENCH_USERS', 10_000);
const REPEAT = intEnv('BENCH_REPEAT', 3);
const KEEP = process.env.BENCH_KEEP === '1';
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
const BATCH = 500;

const ms = (n: number) => n.toFixed(0);

async function main(): Promise<void> {
  const started = performance.now();
  const url = await recreateDatabase(SERVER_URL, DB_NAME);
  const sink = await new SmtpSink().start();
  const config = loadConfig({
    DATABASE_URL: url,
    REDIS_URL: REDIS === 'none' ? '' : REDIS,
    QUEUE_PREFIX: `bench-notify-${process.pid}`,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'pretty',
    BULL_BOARD_ENABLED: 'false',
    PUBLIC_URL: 'https://dossier.example',
    SMTP_URL: sink.url,
    MAIL_FROM: 'Dossier <dossier@example.test>',
  });
  let app: INestApplicationContext | undefined;
  try {
    // Migrated first, so that the worker's schedulers find their tables when it starts.
    const migrator = new DataSource(dataSourceOptions(url, ENTITIES, MIGRATIONS));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error'] });
    const db = app.get(DataSource);
    await stopScheduledTicks(app);
    const t0 = performance.now();
    const seeded = await seed(app, db);
    console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`seed: ${USERS} accounts, ${seeded.people} people, ${seeded.tasks} tasks, ${seeded.interviews} interviews, ${seeded.referrals} referrals, ${seeded.works} new works in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const digests = app.get(DigestsService);
    const now = new Date();
    const claims = seeded.users.map((u) => ({ userId: u.id, timeZone: u.timeZone, localDate: localDayAndHour(u.timeZone, now).date }));
    const composeAll = async () => {
      const out = [];
      for (let i = 0; i < claims.length; i += BATCH) out.push(...(await digests.compose(claims.slice(i, i + BATCH), now)));
      return out;
    };
    const contents = await composeAll();
    const compose = await measure(composeAll, REPEAT);
    const plain = await measure(() => plainSql(db, now), REPEAT);
    const plainCount = await plainSql(db, now);
    const listed = contents.reduce((n, c) => n + c.followUps.total + c.tasks.total + c.interviews.total + c.referrals.total + c.brokenSyncs.total + c.newWorks.total, 0);
    const render = await measure(async () => contents.map((c) => digests.render(c)), REPEAT);

    // The tick proper: every account's hour has come (digest hour 0), nothing claimed yet.
    const tickStart = performance.now();
    const tick = await digests.tick(now);
    const tickMs = performance.now() - tickStart;
    await delivered(sink, tick.sent, 10 * 60_000);
    const deliveredMs = performance.now() - tickStart;
    const againStart = performance.now();
    const again = await digests.tick(now);
    const againMs = performance.now() - againStart;

    console.log('');
    console.log('| step | median ms | fastest ms | baseline | baseline ms | ratio |');
    console.log('| --- | ---: | ---: | --- | ---: | ---: |');
    console.log(`| compose ${USERS} digests (${listed} items) | ${ms(compose.median)} | ${ms(compose.fastest)} | plain SQL finding the same ${plainCount} items | ${ms(plain.median)} | ${(compose.median / plain.median).toFixed(1)}× |`);
    console.log(`| render ${contents.length} digests (text + HTML) | ${ms(render.median)} | ${ms(render.fastest)} | | | |`);
    console.log('');
    console.log(`tick: ${tick.due} due, ${tick.sent} handed to the mail module, ${tick.empty} empty, in ${ms(tickMs)} ms (${(tickMs / Math.max(tick.due, 1)).toFixed(2)} ms an account)`);
    console.log(`delivered: ${sink.received.length} mails at the SMTP server ${ms(deliveredMs)} ms after the tick began (${((sink.received.length / deliveredMs) * 1000).toFixed(0)} mails/s)`);
    console.log(`second tick at the same time: ${again.due} due, ${again.sent} sent, in ${ms(againMs)} ms`);
    console.log(`(${REPEAT} runs after a warm-up for compose and render; the tick once)`);
    console.log(`total time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (again.sent !== 0 || sink.received.length !== tick.sent) process.exitCode = 1;
  } finally {
    await app?.close();
    await sink.stop();
    if (config.queue.backend === 'redis') await flushRedisPrefix(config.queue.url, config.queue.prefix);
    if (!KEEP) await dropDatabase(SERVER_URL, DB_NAME);
  }
}

/**
 * The worker schedules a tick every 15 minutes, the first at once: the bench runs its own tick, at
 * its own time, so the schedule is taken out and its first tick (before any account exists) waited for.
 */
async function stopScheduledTicks(app: INestApplicationContext): Promise<void> {
  await app.get(DigestsService).reconcileScheduler();
  const queue = app.get<Queue>(getQueueToken(QueueName.Digests), { strict: false });
  await queue.removeJobScheduler('digests');
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the SMTP server has taken `count` mails (or `timeoutMs` has passed). */
async function delivered(sink: SmtpSink, count: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (sink.received.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/** The same items the digest lists, for every account at once, in plain statements: what the database alone takes. */
async function plainSql(db: DataSource, now: Date): Promise<number> {
  const soon = new Date(now.getTime() + 3 * 86_400_000);
  const counts = await Promise.all([
    db.query(`SELECT p.user_id, p.id, p.full_name, p.next_follow_up_at FROM people p JOIN users u ON u.id = p.user_id
               WHERE p.deleted_at IS NULL AND p.next_follow_up_at <= ($1::timestamptz AT TIME ZONE u.time_zone)::date`, [now]),
    db.query(`SELECT t.user_id, t.id, t.title, t.due_on FROM tasks t JOIN users u ON u.id = t.user_id
               WHERE t.done_at IS NULL AND t.closed_at IS NULL AND t.due_on <= ($1::timestamptz AT TIME ZONE u.time_zone)::date`, [now]),
    db.query(`SELECT i.user_id, i.id, i.starts_at FROM interviews i WHERE i.starts_at >= $1 AND i.starts_at < $2 AND i.outcome <> 'cancelled'`, [now, soon]),
    db.query(`SELECT r.user_id, r.id, r.status FROM referrals r WHERE r.status IN ('discussed', 'offered', 'submitted', 'recruiter_contacted')`),
    db.query(`SELECT i.user_id, i.id FROM scholarly_identities i WHERE i.status = 'linked' AND i.sync_state = 'broken'`),
    db.query(`SELECT DISTINCT p.user_id, w.id FROM works w JOIN work_records r ON r.work_id = w.id JOIN work_authorships a ON a.record_id = r.id
                JOIN scholarly_identities i ON i.source = a.source AND i.source_author_id = a.source_author_id AND i.status = 'linked'
                JOIN people p ON p.id = i.person_id JOIN users u ON u.id = p.user_id WHERE w.created_at > u.created_at`),
  ]);
  return (counts as unknown[][]).reduce((n, rows) => n + rows.length, 0);
}

interface Seeded {
  users: { id: string; timeZone: string }[];
  people: number;
  tasks: number;
  interviews: number;
  referrals: number;
  works: number;
}

/** Every row in a few set-based statements (the digest's reads are what is measured, not the seed). */
async function seed(app: INestApplicationContext, db: DataSource): Promise<Seeded> {
  const users = (await db.query(
    `INSERT INTO users (email, display_name, password_hash, time_zone)
     SELECT 'bench-' || g || '@example.test', 'Bench ' || g, 'x', ($2::text[])[1 + g % 5] FROM generate_series(1, $1) g
     RETURNING id, time_zone`,
    [USERS, ZONES],
  )) as { id: string; time_zone: string }[];
  await db.query(`CREATE UNLOGGED TABLE bench_users AS SELECT id, row_number() OVER (ORDER BY id) AS g FROM users`);
  // Everyone's hour has come: the tick sends to all.
  await db.query(`INSERT INTO mail_settings (user_id, digest_hour) SELECT id, 0 FROM users`);
  await db.query(`INSERT INTO organizations (user_id, name, name_folded) SELECT id, 'Lab ' || g, 'lab ' || g FROM bench_users`);
  await db.query(
    `INSERT INTO people (user_id, full_name, name_folded, next_follow_up_at, next_follow_up_reason)
     SELECT u.id, 'Person ' || u.g || '-' || k, 'person ' || u.g || '-' || k,
            CASE k WHEN 1 THEN current_date - 1 WHEN 2 THEN current_date - 6 WHEN 3 THEN current_date + 20 END,
            CASE k WHEN 2 THEN 'No reply since the referral' END
       FROM bench_users u CROSS JOIN generate_series(1, 6) k`,
  );
  await db.query(
    `INSERT INTO tasks (user_id, title, due_on)
     SELECT u.id, 'Task ' || k, CASE k WHEN 1 THEN current_date - 1 WHEN 2 THEN current_date - 4 ELSE current_date + 9 END FROM bench_users u CROSS JOIN generate_series(1, 3) k`,
  );
  await db.query(
    `INSERT INTO applications (user_id, organization_id, role, template_name, applied_on)
     SELECT u.id, o.id, 'Research Scientist', 'bench', current_date - 30 FROM bench_users u JOIN organizations o ON o.user_id = u.id`,
  );
  await db.query(`INSERT INTO application_stages (user_id, application_id, type, name, position) SELECT a.user_id, a.id, 'technical', 'Technical interview', 0 FROM applications a`);
  await db.query(
    `INSERT INTO interviews (user_id, application_id, stage_id, starts_at, time_zone, duration_minutes, format)
     SELECT s.user_id, s.application_id, s.id, now() + CASE WHEN u.g % 2 = 0 THEN interval '1 day' ELSE interval '10 days' END, 'UTC', 45, 'video'
       FROM application_stages s JOIN bench_users u ON u.id = s.user_id`,
  );
  await db.query(
    `INSERT INTO interview_interviewers (interview_id, person_id)
     SELECT i.id, p.id FROM interviews i JOIN people p ON p.user_id = i.user_id AND (p.full_name LIKE '%-4' OR p.full_name LIKE '%-5')`,
  );
  await db.query(
    `INSERT INTO referrals (user_id, application_id, referrer_id, status, status_dates)
     SELECT a.user_id, a.id, p.id, 'submitted', jsonb_build_object('submitted', (current_date - 5)::text)
       FROM applications a JOIN bench_users u ON u.id = a.user_id AND u.g % 2 = 0 JOIN people p ON p.user_id = a.user_id AND p.full_name LIKE '%-6'`,
  );
  // One account in ten: an interviewer with a linked identity at OpenAlex and a new work, and a broken one at DBLP.
  const linked = (await db.query(
    `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by)
     SELECT p.user_id, p.id, 'openalex', 'BA' || u.g, p.full_name, 'linked', 'user'
       FROM bench_users u JOIN people p ON p.user_id = u.id AND p.full_name LIKE '%-4' WHERE u.g % 10 = 0
     RETURNING source_author_id`,
  )) as { source_author_id: string }[];
  await db.query(
    `INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by, sync_state, broken_reason)
     SELECT p.user_id, p.id, 'dblp', 'broken/' || u.g, p.full_name, 'linked', 'user', 'broken', 'The source answered 404 for this author'
       FROM bench_users u JOIN people p ON p.user_id = u.id AND p.full_name LIKE '%-5' WHERE u.g % 10 = 0`,
  );
  const ingest = app.get(WorksIngestService);
  for (let i = 0; i < linked.length; i += 200) {
    await ingest.ingest(
      linked.slice(i, i + 200).map(({ source_author_id: id }) =>
        workRecord({ source: 'openalex', sourceId: `W${id}`, title: `A new result by ${id}`, year: 2026, venue: 'NeurIPS', authors: [workAuthor(1, `Author ${id}`, id)] }),
      ),
    );
  }
  const [counts] = (await db.query(
    `SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM interviews)::int AS interviews,
            (SELECT count(*) FROM referrals)::int AS referrals, (SELECT count(*) FROM works)::int AS works`,
  )) as Omit<Seeded, 'users'>[];
  return { users: users.map((u) => ({ id: u.id, timeZone: u.time_zone })), ...counts };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

