import { ConfigError, loadConfig, parseRate } from '#platform';
import { jobOptions, JobName, SYNC_SOURCE_JOBS } from '../jobs/index';
import type { AuthorSnapshot } from '../scholarly/index';
import { AuthorChecks } from './author-checks';
import { firstStep, sameSnapshot } from './sync.service';

const DB = 'postgres://dossier@127.0.0.1:5432/dossier';

describe('sync configuration', () => {
  /** Milliseconds between two requests at a limit: what a strict server checks. */
  const interval = (l: { max: number; durationMs: number }) => l.durationMs / l.max;
  /** Paced evenly, never faster than the published pace, at most 6% slower. */
  const expectPaced = (l: { max: number; durationMs: number }, publishedMs: number) => {
    expect(l.max).toBe(1);
    expect(interval(l)).toBeGreaterThanOrEqual(publishedMs);
    expect(interval(l)).toBeLessThanOrEqual(publishedMs * 1.06);
  };

  it('defaults every source to its published limit, paced evenly with a small margin', () => {
    const { sync } = loadConfig({ DATABASE_URL: DB });
    expect(sync.defaultEveryHours).toBe(24);
    const { openalex, semanticscholar, arxiv, dblp, crossref, orcid } = sync.limits;
    expectPaced(openalex, 100); // 10 req/s
    expectPaced(semanticscholar, 3000); // no key: the shared pool's 100 requests per 5 minutes
    expectPaced(arxiv, 3000); // one request every 3 s
    expectPaced(dblp, 2000);
    expectPaced(crossref, 1000); // no contact address: the public pool, 1 list request/s
    expectPaced(orcid, 1000 / 12);
    expect([openalex, semanticscholar, arxiv, dblp, crossref, orcid].map((l) => l.concurrency)).toEqual([4, 1, 1, 1, 1, 4]);
  });

  it('follows identification: a Semantic Scholar key, a contact address for Crossref', () => {
    const { sync } = loadConfig({ DATABASE_URL: DB, SEMANTIC_SCHOLAR_API_KEY: 'k', SCHOLARLY_CONTACT_EMAIL: 'me@example.org' });
    // 1 req/s with a key, which Semantic Scholar's docs suggest pacing at 1.1 s.
    expect(sync.limits.semanticscholar).toEqual({ max: 1, durationMs: 1100, concurrency: 1 });
    expectPaced(sync.limits.crossref, 1000 / 3); // the polite pool: 3 req/s, 3 at once
    expect(sync.limits.crossref.concurrency).toBe(3);
  });

  it('reads rates as <requests>/<window> and refuses anything else, naming the variable', () => {
    expect(parseRate('100/5m')).toEqual({ max: 100, durationMs: 300_000 });
    expect(parseRate('1/1100ms')).toEqual({ max: 1, durationMs: 1100 });
    expect(parseRate('2/1h')).toEqual({ max: 2, durationMs: 3_600_000 });
    expect(loadConfig({ DATABASE_URL: DB, ARXIV_RATE_LIMIT: '1/5s', ARXIV_CONCURRENCY: '1' }).sync.limits.arxiv).toEqual({ max: 1, durationMs: 5000, concurrency: 1 });
    expect(() => loadConfig({ DATABASE_URL: DB, ARXIV_RATE_LIMIT: 'fast', OPENALEX_RATE_LIMIT: '0/1s', SYNC_DEFAULT_EVERY_HOURS: '0' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: DB, ARXIV_RATE_LIMIT: 'fast', OPENALEX_RATE_LIMIT: '0/1s' });
    } catch (e) {
      expect((e as Error).message).toContain('ARXIV_RATE_LIMIT="fast": must be <requests>/<window>');
      expect((e as Error).message).toContain('OPENALEX_RATE_LIMIT="0/1s"');
    }
  });
});

describe('sync jobs', () => {
  it('retry a source step with exponential backoff and jitter, one job per run, without holding the flow', () => {
    const config = loadConfig({ DATABASE_URL: DB, SYNC_BACKOFF_MS: '2000' });
    expect(jobOptions({ name: SYNC_SOURCE_JOBS.arxiv.job, data: { runId: 'r1' } }, config)).toMatchObject({
      jobId: 'sync-run-r1',
      attempts: 6,
      backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
      ignoreDependencyOnFailure: true,
    });
    expect(jobOptions({ name: JobName.FinishPersonSync, data: { personId: 'p', runIds: ['r1', 'r2'] } }, config).jobId).toBe('sync-flow-r1');
  });

  it("retry an author batch check like a step, named by its batch, without holding the tick's flow", () => {
    const config = loadConfig({ DATABASE_URL: DB, SYNC_BACKOFF_MS: '2000' });
    expect(jobOptions({ name: SYNC_SOURCE_JOBS.semanticscholar.checkAuthors, data: { batchId: 'b1', ids: ['1'] } }, config)).toMatchObject({
      jobId: 'semanticscholar-authors-b1',
      attempts: 6,
      backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
      ignoreDependencyOnFailure: true,
    });
    expect(jobOptions({ name: JobName.StartScheduledSyncs, data: { personIds: ['p'] } }, config)).toMatchObject({ attempts: 1 });
  });
});

describe('sameSnapshot', () => {
  const snapshot: AuthorSnapshot = { source: 'openalex', sourceAuthorId: 'A1', name: 'Zoë', worksCount: 42, citationCount: 1234, updatedAt: '2026-01-02T00:00:00.000Z' };
  it('compares works count, citation count and the last change; nothing else', () => {
    expect(sameSnapshot(snapshot, { ...snapshot, name: 'Zoe' })).toBe(true);
    expect(sameSnapshot(snapshot, { ...snapshot, worksCount: 43 })).toBe(false);
    expect(sameSnapshot(snapshot, { ...snapshot, citationCount: 1235 })).toBe(false);
    expect(sameSnapshot(snapshot, { ...snapshot, updatedAt: '2026-01-03T00:00:00.000Z' })).toBe(false);
    expect(sameSnapshot(snapshot, null)).toBe(false);
  });
});

describe('AuthorChecks', () => {
  const s2 = (id: string, worksCount: number): AuthorSnapshot => ({ source: 'semanticscholar', sourceAuthorId: id, name: id, worksCount, citationCount: 1, updatedAt: null });
  const checks = () =>
    new AuthorChecks([
      { source: 'semanticscholar', ids: ['1', '2', '3'], snapshots: [s2('1', 5), null, s2('3', 7)], requests: 1, failure: null },
      { source: 'semanticscholar', ids: ['4'], snapshots: null, requests: 2, failure: 'semanticscholar: HTTP 400' },
    ]);

  it("gives each Semantic Scholar author the record its batch read; none for another source, an unknown id or a failed batch", () => {
    const c = checks();
    expect(c.size).toBe(4);
    expect(c.snapshot('semanticscholar', ' 1 ')).toEqual(s2('1', 5));
    expect(c.snapshot('semanticscholar', '2')).toBeNull();
    expect(c.snapshot('semanticscholar', '4')).toBeNull();
    expect(c.snapshot('semanticscholar', '9')).toBeNull();
    expect(c.snapshot('openalex', '1')).toBeNull();
  });

  it("counts each batch's requests once, on the first run it served, with a failed batch's reason", () => {
    const c = checks();
    expect(c.charge('openalex', '3')).toEqual({ requests: 0, error: null });
    expect(c.charge('semanticscholar', '3')).toEqual({ requests: 1, error: null });
    expect(c.charge('semanticscholar', '1')).toEqual({ requests: 0, error: null });
    const saved = c.saveCharges();
    expect(c.charge('semanticscholar', '4')).toEqual({ requests: 2, error: 'semanticscholar: the author batch check (1 ids) failed; each author was checked alone: semanticscholar: HTTP 400' });
    expect(c.charge('semanticscholar', '4').requests).toBe(0);
    // Runs that were not written give their charge back.
    c.restoreCharges(saved);
    expect(c.charge('semanticscholar', '4').requests).toBe(2);
  });

  it('starts a run whose author was already read at listing its works', () => {
    expect(firstStep(s2('1', 5))).toEqual({ step: 'list', page: null, pages: 0, snapshot: s2('1', 5) });
    expect(firstStep(undefined)).toBeNull();
  });
});
