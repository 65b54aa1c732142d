// `npm run bench:briefing`: how long an interview's reading checklists take to rank and its briefing
// to assemble and render, for an interview with 3 interviewers × 500 works each.
//
//   1. A fresh database `dossier_bench_briefing`, migrated as the API does at start (the API's module
//      graph is booted as an application context: no HTTP); one user, a lab, an application at the team lead
//      stage, an interview with three interviewers, two contacts who wrote with them.
//   2. BENCH_WORKS works per interviewer (500), 3–8 authors each, 5% written by two interviewers,
//      written through WorksIngestService in pages of 200, as a sync writes them.
//   3. Each step BENCH_REPEAT times (7) after one warm-up, median and fastest:
//        ranking   ReadingService.personChecklist for each interviewer, and interviewChecklist (the union)
//        assemble  BriefingAssembler.assemble (checklist, works, warm paths, application, prep…)
//        markdown  renderBriefingMarkdown;  html  renderBriefingHtml;  pdf  Chromium's print of the HTML
//      beside baselines measured in the same run: one SQL statement reading the same works with the
//      interviewer's author position, sorted by citations (what any ranking has to read), and
//      JSON.stringify of the same facts (the cheapest rendering there is).
//   4. Drops the database (kept with BENCH_KEEP=1).
//
// Environment: BENCH_DATABASE_URL or DATABASE_URL (a server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_WORKS (500), BENCH_REPEAT (7), BENCH_KEEP=1, CHROMIUM_PATH (/usr/bin/chromium; no PDF row without it).
import { existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { loadConfig } from '#platform';
import { AccountsService } from '#domain/accounts/index';
import { ApplicationsService } from '#domain/applications/index';
import { BriefingAssembler } from '#domain/briefings/briefing-assembler';
import { renderBriefingHtml } from '#domain/briefings/briefing-html';
import { renderBriefingMarkdown } from '#domain/briefings/briefing-markdown';
import { InterviewsService } from '#domain/interviews/index';
import { OrganizationsService } from '#domain/organizations/index';
import { PeopleService } from '#domain/people/index';
import { ReadingService } from '#domain/reading/index';
import type { NormalizedAuthor, NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { dropDatabase, recreateDatabase } from '../api/seed';
import { mulberry32 } from '../random';
import { intEnv, measure } from '../measure';

const DB_NAME = 'dossier_bench_briefing';
const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const WORKS = intEnv('BENCH_WORKS', 500);
const REPEAT = intEnv('BENCH_REPEAT', 7);
const KEEP = process.env.BENCH_KEEP === '1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INTERVIEWERS = ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra'];
const PAGE = 200;

const WORDS = ['world', 'models', 'planning', 'reinforcement', 'learning', 'scaling', 'laws', 'transformers', 'attention', 'diffusion', 'policy', 'gradient', 'evaluation', 'robust', 'agents', 'language', 'vision', 'sparse', 'mixture', 'experts', 'pretraining', 'alignment', 'reward', 'offline', 'causal', 'inference', 'memory', 'retrieval', 'tokens', 'graphs'];
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'CVPR', 'ACL', 'JMLR', 'AAAI', 'arXiv'];
const NAMES = ['Kurt Gödel', 'Emmy Noether', 'Alan Turing', 'Mary Somerville', 'Charles Babbage', 'Sofia Kovalevskaya', 'John von Neumann', 'Hedy Lamarr', 'Claude Shannon', 'Barbara Liskov'];

interface Timing {
  step: string;
  median: number;
  fastest: number;
  baseline?: { name: string; median: number };
}

async function main(): Promise<void> {
  const started = performance.now();
  const url = await recreateDatabase(SERVER_URL, DB_NAME);
  const config = loadConfig({ DATABASE_URL: url, REDIS_URL: '', LOG_LEVEL: 'error', LOG_FORMAT: 'pretty', BULL_BOARD_ENABLED: 'false', REGISTRATION: 'open' });
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), { logger: ['error'] });
    // As the API does when it starts.
    await app.get(DataSource).runMigrations({ transaction: 'each' });
    const seeded = await seed(app);
    console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`seed: ${INTERVIEWERS.length} interviewers × ${WORKS} works (${seeded.works} works, ${seeded.records} records in all) in ${seeded.seconds.toFixed(1)} s`);

    const reading = app.get(ReadingService);
    const assembler = app.get(BriefingAssembler);
    const db = app.get(DataSource);
    const { userId, interviewId, interviewerIds, applicationId } = seeded;

    const rows: Timing[] = [];
    const personRanking = await measure(async () => {
      // With the application, as the interview's checklist ranks them: relevance on.
      for (const id of interviewerIds) await reading.personChecklist(userId, id, applicationId);
    }, REPEAT);
    const bareRead = await measure(() => bareWorksRead(db, userId, interviewerIds), REPEAT);
    rows.push({ step: `rank ${interviewerIds.length} interviewer checklists`, ...personRanking, baseline: { name: 'one SQL read, sorted by citations', median: bareRead.median } });
    const interviewRanking = await measure(() => reading.interviewChecklist(userId, interviewId), REPEAT);
    rows.push({ step: 'rank the interview checklist (union)', ...interviewRanking, baseline: { name: 'one SQL read, sorted by citations', median: bareRead.median } });

    const content = await assembler.assemble(userId, interviewId, new Date());
    const assemble = await measure(() => assembler.assemble(userId, interviewId, new Date()), REPEAT);
    rows.push({ step: 'assemble the briefing', ...assemble });
    const meta = { version: 2, changes: ['The interview was moved.'] };
    const markdown = renderBriefingMarkdown(content, meta);
    const json = await measure(async () => JSON.stringify(content), REPEAT);
    const md = await measure(async () => renderBriefingMarkdown(content, meta), REPEAT);
    rows.push({ step: 'render Markdown', ...md, baseline: { name: 'JSON.stringify of the facts', median: json.median } });
    const html = await measure(async () => renderBriefingHtml(markdown, 'Briefing'), REPEAT);
    rows.push({ step: 'render HTML', ...html, baseline: { name: 'JSON.stringify of the facts', median: json.median } });
    const pdf = await pdfTiming(renderBriefingHtml(markdown, 'Briefing'));
    if (pdf) rows.push({ step: 'render PDF (Chromium)', ...pdf.timing, baseline: { name: 'Chromium loading the HTML only', median: pdf.load.median } });

    console.log('');
    console.log(`| step | median ms | fastest ms | baseline | baseline ms | ratio |`);
    console.log(`| --- | ---: | ---: | --- | ---: | ---: |`);
    for (const r of rows) {
      const ratio = r.baseline ? `${(r.median / Math.max(r.baseline.median, 0.001)).toFixed(1)}×` : '';
      console.log(`| ${r.step} | ${ms(r.median)} | ${ms(r.fastest)} | ${r.baseline?.name ?? ''} | ${r.baseline ? ms(r.baseline.median) : ''} | ${ratio} |`);
    }
    const items = (await reading.interviewChecklist(userId, interviewId)).items.length;
    console.log(`(${REPEAT} runs after a warm-up; the interview checklist holds ${items} items; Markdown ${(markdown.length / 1024).toFixed(1)} KiB${pdf ? `, PDF ${(pdf.bytes / 1024).toFixed(0)} KiB` : ', no PDF: Chromium not found'})`);
    console.log(`total time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await app?.close();
    if (!KEEP) await dropDatabase(SERVER_URL, DB_NAME);
  }
}

async function seed(app: INestApplicationContext): Promise<{ userId: string; interviewId: string; applicationId: string; interviewerIds: string[]; works: number; records: number; seconds: number }> {
  const t0 = performance.now();
  const { user } = await app.get(AccountsService).register({ email: 'bench@example.org', password: 'a long bench password', timeZone: 'Europe/Paris' });
  const orgs = app.get(OrganizationsService);
  const org = await orgs.create(user.id, { name: 'Bench Lab', researchNotes: 'World models, planning, reinforcement learning and evaluation.' });
  const team = await orgs.addTeam(user.id, org.id, { name: 'Core', researchNotes: 'Pretraining, scaling laws and sparse mixture of experts.' });
  const people = app.get(PeopleService);
  const interviewerIds: string[] = [];
  for (const name of INTERVIEWERS) interviewerIds.push((await people.create(user.id, { fullName: name, organizationId: org.id, teamId: team.id })).id);
  const contacts = [(await people.create(user.id, { fullName: 'Kurt Gödel' })).id, (await people.create(user.id, { fullName: 'Emmy Noether' })).id];
  const db = app.get(DataSource);
  const link = (personId: string, id: string, name: string) =>
    db.query("INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, name, status, linked_by) VALUES ($1, $2, 'openalex', $3, $4, 'linked', 'user')", [user.id, personId, id, name]);
  for (let k = 0; k < interviewerIds.length; k++) await link(interviewerIds[k], `A90${k}`, INTERVIEWERS[k]);
  await link(contacts[0], 'A800', 'Kurt Gödel');
  await link(contacts[1], 'A801', 'Emmy Noether');

  const application = await app.get(ApplicationsService).create(user.id, { organizationId: org.id, teamId: team.id, role: 'Research Engineer', builtInTemplate: 'research-engineer', notes: 'Keywords: world models, planning, evaluation' });
  const stage = application.stages.find((s) => s.type === 'team_lead') ?? application.stages[0];
  const { interview } = await app.get(InterviewsService).create(user.id, { stageId: stage.id, startsAt: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'Europe/London', durationMinutes: 60, format: 'video', interviewerIds });

  const records = corpus();
  const ingest = app.get(WorksIngestService);
  for (let i = 0; i < records.length; i += PAGE) await ingest.ingest(records.slice(i, i + PAGE));
  const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM works')) as { count: number }[];
  return { userId: user.id, interviewId: interview.id, applicationId: application.application.id, interviewerIds, works: count, records: records.length, seconds: (performance.now() - t0) / 1000 };
}

/** Each interviewer's works; one in twenty also lists the next interviewer; the two contacts co-write some. */
function corpus(): NormalizedWork[] {
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const out: NormalizedWork[] = [];
  for (let k = 0; k < INTERVIEWERS.length; k++) {
    for (let i = 0; i < WORKS; i++) {
      const count = 3 + Math.floor(random() * 6);
      const position = 1 + Math.floor(random() * count);
      const authors: NormalizedAuthor[] = Array.from({ length: count }, (_, j) => ({ position: j + 1, name: pick(NAMES), sourceAuthorId: `A${1000 + Math.floor(random() * 400)}`, orcid: null, affiliations: [] }));
      authors[position - 1] = { position, name: INTERVIEWERS[k], sourceAuthorId: `A90${k}`, orcid: null, affiliations: [] };
      if (i % 20 === 0) {
        const other = (k + 1) % INTERVIEWERS.length;
        const slot = position === count ? 1 : count;
        authors[slot - 1] = { position: slot, name: INTERVIEWERS[other], sourceAuthorId: `A90${other}`, orcid: null, affiliations: [] };
      }
      if (i % 50 === 1) authors[(position % count)] = { position: (position % count) + 1, name: 'Kurt Gödel', sourceAuthorId: 'A800', orcid: null, affiliations: [] };
      const year = 2008 + Math.floor(random() * 19);
      const title = `${Array.from({ length: 4 + Math.floor(random() * 5) }, () => pick(WORDS)).join(' ')} ${k}-${i}`;
      out.push({
        source: 'openalex',
        sourceId: `W${k}${String(i).padStart(6, '0')}`,
        sourceUrl: `https://openalex.org/W${k}${String(i).padStart(6, '0')}`,
        title: title.charAt(0).toUpperCase() + title.slice(1),
        publicationDate: `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        year,
        venue: pick(VENUES),
        type: 'article',
        doi: `10.5555/bench.${k}.${i}`,
        arxivId: null,
        externalIds: {},
        authors,
        citationCount: Math.floor(Math.exp(random() * 7)),
        abstract: Array.from({ length: 60 }, () => pick(WORDS)).join(' '),
        openAccessUrl: null,
        pdfUrl: null,
        sourceUpdatedAt: null,
      });
    }
  }
  return out;
}

/** The baseline read: the interviewers' works with their author position, by citations, in one statement. */
async function bareWorksRead(db: DataSource, userId: string, personIds: string[]): Promise<unknown> {
  return db.query(
    `SELECT i.person_id, w.id, w.title, w.year, w.citation_count, a.position, a.author_count
       FROM scholarly_identities i
       JOIN work_authorships a ON a.source = i.source AND a.source_author_id = i.source_author_id
       JOIN works w ON w.id = a.work_id
      WHERE i.user_id = $1 AND i.person_id = ANY($2::uuid[]) AND i.status = 'linked'
      ORDER BY i.person_id, w.citation_count DESC NULLS LAST`,
    [userId, personIds],
  );
}

async function pdfTiming(html: string): Promise<{ timing: { median: number; fastest: number }; load: { median: number }; bytes: number } | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    let bytes = 0;
    const load = await measure(() => page.setContent(html), REPEAT);
    const timing = await measure(async () => {
      await page.setContent(html);
      bytes = (await page.pdf({ format: 'A4', printBackground: true })).length;
    }, REPEAT);
    return { timing, load, bytes };
  } finally {
    await browser.close();
  }
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
