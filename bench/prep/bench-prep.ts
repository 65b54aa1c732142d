// `npm run bench:prep`: how long re-planning an application and building the daily practice queue take.
//
//   1. A fresh database `dossier_bench_prep`, migrated as the API does at start (the API's module graph
//      booted as an application context: no HTTP); one user, a lab, a research-lab application whose
//      stages after the recruiter chat (6) each have an interview, 30 study resources (5 per stage,
//      books of 12 chapters, problem sets, courses) in one plan, 2 years of study log (BENCH_SESSIONS_PER_DAY
//      timed sessions a day, 2), and BENCH_QUESTIONS questions (5,000) due over ±60 days.
//   2. Each step BENCH_REPEAT times (7) after one warm-up, median and fastest:
//        re-plan   StudyPlansService.get: stages, interview dates, items, progress, paces learned from
//                  the log, and the schedule with its advice
//                  (and the interviews read alone: InterviewsService.dates beside InterviewsService.list)
//        readiness ReadinessService.upcoming: every upcoming interview's readiness, beside one re-plan
//        queue     QuestionBankService.queue: today's due questions in the user's zone (first page of 50)
//      beside baselines measured in the same run: plain SQL reads of the same rows (the plan's items with
//      their resources and summed log, the application's interviews; the due questions and their count).
//   3. Drops the database (kept with BENCH_KEEP=1).
//
// Environment: BENCH_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_QUESTIONS (5000), BENCH_SESSIONS_PER_DAY (2), BENCH_REPEAT (7), BENCH_KEEP=1.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { loadConfig } from '#platform';
import { AccountsService } from '#domain/accounts/index';
import { ApplicationsService } from '#domain/applications/index';
import { InterviewsService } from '#domain/interviews/index';
import { OrganizationsService } from '#domain/organizations/index';
import { ReadinessService } from '#domain/readiness/index';
import { planSchedule, QuestionBankService, StudyPlansService, StudyService, StudyUnit } from '#domain/study/index';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { intEnv, measure } from '../measure';

const DB_NAME = 'dossier_bench_prep';
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const QUESTIONS = intEnv('BENCH_QUESTIONS', 5000);
const SESSIONS_PER_DAY = intEnv('BENCH_SESSIONS_PER_DAY', 2);
const REPEAT = intEnv('BENCH_REPEAT', 7);
const KEEP = process.env.BENCH_KEEP === '1';
const DAY = 86_400_000;

interface Timing {
  step: string;
  median: number;
  fastest: number;
  baseline: { name: string; median: number };
}

async function main(): Promise<void> {
  const started = performance.now();
  const url = await recreateDatabase(SERVER_URL, DB_NAME);
  const config = loadConfig({ DATABASE_URL: url, REDIS_URL: '', LOG_LEVEL: 'error', LOG_FORMAT: 'pretty', BULL_BOARD_ENABLED: 'false', REGISTRATION: 'open' });
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), { logger: ['error'] });
    await app.get(DataSource).runMigrations({ transaction: 'each' });
    const seeded = await seed(app);
    console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(
      `seed: ${seeded.stages} dated stages, ${seeded.resources} resources, ${seeded.sessions} sessions over 2 years, ${seeded.questions} questions (${seeded.due} due today) in ${seeded.seconds.toFixed(1)} s`,
    );

    const plans = app.get(StudyPlansService);
    const bank = app.get(QuestionBankService);
    const db = app.get(DataSource);
    const { userId, planId, applicationId } = seeded;
    const view = await plans.get(userId, planId);

    const rows: Timing[] = [];
    const replan = await measure(() => plans.get(userId, planId), REPEAT);
    const planRead = await measure(() => barePlanRead(db, userId, planId, applicationId), REPEAT);
    rows.push({ step: 're-plan the application (GET /study-plans/:id)', ...replan, baseline: { name: 'plain SQL read of the same rows', median: planRead.median } });
    // The pure planner alone, on the same input: what the re-plan spends beyond reading.
    const input = {
      today: view.schedule.today,
      hoursPerWeek: view.plan.hoursPerWeek,
      paces: Object.fromEntries(view.paces.map((p) => [p.unit, p.unitsPerHour])) as Record<StudyUnit, number>,
      stages: view.schedule.stages.map((s, position) => ({ stageId: s.stageId, name: s.name, type: s.type, position, interviewOn: s.interviewOn })),
      items: view.items.map(({ item, resource: { resource, progress } }) => ({ itemId: item.id, resourceId: resource.id, title: resource.title, stageId: item.stageId, position: item.position, unit: resource.unit, emphasis: resource.emphasis, parts: resource.parts, totalAmount: resource.totalAmount, doneAmount: progress.doneAmount })),
    };
    const planner = await measure(async () => planSchedule(input), REPEAT);
    rows.push({ step: '  of which the planner (planSchedule, pure)', ...planner, baseline: { name: 'plain SQL read of the same rows', median: planRead.median } });
    // The planner's interviews read: the light read of dates it uses now, beside the full list it used
    // before (panels, relations and a suggested move per interview), in the same run.
    const interviews = app.get(InterviewsService);
    const light = await measure(() => interviews.dates(userId, { applicationIds: [applicationId] }), REPEAT);
    const full = await measure(() => interviews.list(userId, { applicationId, limit: 200 }), REPEAT);
    rows.push({ step: "  the application's interviews, light read (InterviewsService.dates)", ...light, baseline: { name: 'InterviewsService.list, as the re-plan read them before', median: full.median } });
    // Readiness of every upcoming interview (Today): a re-plan, the checklists, tasks, practice, mocks, stories.
    const readiness = app.get(ReadinessService);
    const today = await measure(() => readiness.upcoming(userId, 366), REPEAT);
    const upcoming = (await readiness.upcoming(userId, 366)).length;
    rows.push({ step: `readiness of the ${upcoming} upcoming interviews (GET /readiness/upcoming)`, ...today, baseline: { name: 'one re-plan (GET /study-plans/:id)', median: replan.median } });
    const queue = await measure(() => bank.queue(userId), REPEAT);
    const queueRead = await measure(() => bareQueueRead(db, userId), REPEAT);
    rows.push({ step: 'daily practice queue (GET /questions/due)', ...queue, baseline: { name: 'plain SQL read of the same rows', median: queueRead.median } });

    console.log('');
    console.log('| step | median ms | fastest ms | baseline | baseline ms | ratio |');
    console.log('| --- | ---: | ---: | --- | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.step} | ${ms(r.median)} | ${ms(r.fastest)} | ${r.baseline.name} | ${ms(r.baseline.median)} | ${(r.median / Math.max(r.baseline.median, 0.001)).toFixed(1)}× |`);
    console.log(`(${REPEAT} runs after a warm-up; the plan is ${view.schedule.status}, ${view.schedule.advice.length} advice entries, paces ${view.paces.map((p) => `${p.unit} ${p.unitsPerHour}/h (${p.source})`).join(', ')})`);
    console.log(`total time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await app?.close();
    if (!KEEP) await dropDatabase(SERVER_URL, DB_NAME);
  }
}

async function seed(app: INestApplicationContext): Promise<{ userId: string; planId: string; applicationId: string; stages: number; resources: number; sessions: number; questions: number; due: number; seconds: number }> {
  const t0 = performance.now();
  const { user } = await app.get(AccountsService).register({ email: 'bench@example.org', password: 'a long bench password', timeZone: 'Europe/Paris' });
  const org = await app.get(OrganizationsService).create(user.id, { name: 'Bench Lab' });
  const application = await app.get(ApplicationsService).create(user.id, { organizationId: org.id, role: 'Research Engineer', builtInTemplate: 'research-engineer' });
  const stages = application.stages.filter((s) => s.type !== 'recruiter').slice(0, 6);
  const interviews = app.get(InterviewsService);
  for (const [i, stage] of stages.entries()) {
    await interviews.create(user.id, { stageId: stage.id, startsAt: new Date(Date.now() + (21 + 10 * i) * DAY).toISOString(), timeZone: 'Europe/London', durationMinutes: 60, format: 'video' });
  }
  const study = app.get(StudyService);
  const items: { stageId: string; resourceId: string }[] = [];
  for (const [i, stage] of stages.entries()) {
    for (let k = 0; k < 5; k++) {
      const n = i * 5 + k;
      const kind = n % 3 === 0 ? 'problem_set' : n % 3 === 1 ? 'book' : 'course';
      const unit = kind === 'problem_set' ? 'problems' : kind === 'book' ? 'pages' : 'minutes';
      const parts = Array.from({ length: 12 }, (_, c) => ({ title: `Ch. ${c + 1}`, amount: unit === 'problems' ? 6 + (c % 5) : unit === 'pages' ? 20 + 3 * c : 30 + 5 * c, emphasis: c === 11 ? ('skip' as const) : c % 5 === 4 ? ('skim' as const) : c > 8 ? ('optional' as const) : ('core' as const) }));
      const { resource } = await study.create(user.id, { kind, title: `Resource ${n + 1}`, unit, parts, emphasis: k === 4 ? 'optional' : 'core' });
      items.push({ stageId: stage.id, resourceId: resource.id });
    }
  }
  const plan = await app.get(StudyPlansService).create(user.id, { applicationId: application.application.id, hoursPerWeek: 12, statedPace: { pages: 20, problems: 2 }, items });
  const db = app.get(DataSource);
  // Two years of timed sessions, a few pages, problems or minutes each, spread over the resources.
  await db.query(
    `INSERT INTO study_sessions (user_id, resource_id, studied_at, amount, minutes)
     SELECT $1, r.ids[1 + (g % array_length(r.ids, 1))], now() - (g::float8 / $2::int) * interval '1 day', 1 + g % 4, 20 + g % 40
       FROM generate_series(1, 730 * $2::int) g, (SELECT array_agg(id ORDER BY created_at) AS ids FROM study_resources WHERE user_id = $1) r`,
    [user.id, SESSIONS_PER_DAY],
  );
  // Questions due from 60 days ago to 60 days ahead, as reviews at every stage of learning.
  await db.query(
    `INSERT INTO practice_questions (user_id, text, topic, stage_type, organization_id, source, due, stability, difficulty, scheduled_days, reps, state, last_review)
     SELECT $1, 'Question ' || g, 'topic ' || (g % 20), (ARRAY['quiz','coding','team_lead','culture'])[1 + g % 4], CASE WHEN g % 3 = 0 THEN $2::uuid END, 'book',
            now() + ((g % 121) - 60) * interval '1 day', 1 + g % 30, 5, g % 30, 1 + g % 7, 2, now() - interval '30 days'
       FROM generate_series(1, $3::int) g`,
    [user.id, org.id, QUESTIONS],
  );
  const [{ sessions }] = (await db.query('SELECT count(*)::int AS sessions FROM study_sessions WHERE user_id = $1', [user.id])) as { sessions: number }[];
  const due = (await app.get(QuestionBankService).queue(user.id)).total;
  return { userId: user.id, planId: plan.plan.id, applicationId: application.application.id, stages: stages.length, resources: items.length, sessions, questions: QUESTIONS, due, seconds: (performance.now() - t0) / 1000 };
}

/** What any re-plan has to read: the plan's items with their resources and summed log, the interviews, the timed log per unit. */
async function barePlanRead(db: DataSource, userId: string, planId: string, applicationId: string): Promise<unknown> {
  return Promise.all([
    db.query(
      `SELECT i.*, r.*, coalesce(s.done, 0) AS done
         FROM study_plan_items i JOIN study_resources r ON r.id = i.resource_id
         LEFT JOIN (SELECT resource_id, sum(amount) AS done FROM study_sessions WHERE user_id = $1 GROUP BY resource_id) s ON s.resource_id = r.id
        WHERE i.plan_id = $2 ORDER BY i.position`,
      [userId, planId],
    ),
    db.query('SELECT s.*, i.starts_at, i.outcome FROM application_stages s LEFT JOIN interviews i ON i.stage_id = s.id WHERE s.application_id = $1 ORDER BY s.position, i.starts_at', [applicationId]),
    db.query('SELECT r.unit, sum(s.amount), sum(s.minutes) FROM study_sessions s JOIN study_resources r ON r.id = s.resource_id WHERE s.user_id = $1 AND s.minutes > 0 GROUP BY r.unit', [userId]),
  ]);
}

async function bareQueueRead(db: DataSource, userId: string): Promise<unknown> {
  const until = new Date(Date.now() + DAY);
  return Promise.all([
    db.query('SELECT * FROM practice_questions WHERE user_id = $1 AND due < $2 ORDER BY due, id LIMIT 50', [userId, until]),
    db.query('SELECT count(*) FROM practice_questions WHERE user_id = $1 AND due < $2', [userId, until]),
  ]);
}

function ms(n: number): string {
  return n.toFixed(n < 10 ? 2 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
