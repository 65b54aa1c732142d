// Requests per author, counted from the real source clients against a ReplayServer that serves
// generated pages in each source's own format (records cloned from test/fixtures/scholarly, ids
// changed): how many calls a full sync of an author with N works takes, against the fewest the
// source's page size allows, and what a scheduled sync of an unchanged author costs. The route
// generators take an author number too (benchAuthorIds), so the politeness benchmark serves many.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ScholarlyConfig } from '#platform';
import { ScholarlyClients } from '#domain/scholarly/index';
import type { ScholarlyClient, ScholarlySource } from '#domain/scholarly/index';
import type { SemanticScholarClient } from '#domain/scholarly/sources/semantic-scholar/semantic-scholar.client';
import { ReplayServer, type ReplayRoute } from '../../test/support/replay-server';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/scholarly');
const json = <T = any>(file: string): T => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as T;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const OPENALEX_AUTHOR = 'A5100000001';
const S2_AUTHOR = '2100000001';
const ARXIV_AUTHOR = 'au:"Bench Author"';
const DBLP_PID = '39/1762';
const ORCID = '0000-0002-1825-0097';

/**
 * The k-th generated author's id at each source (k = 0: the ids above). Their works get their own
 * ids, DOIs and titles, so several authors can be served at once (the politeness benchmark).
 */
export function benchAuthorIds(k: number): Record<ScholarlySource, string> {
  return {
    openalex: `A${5_100_000_001 + k}`,
    semanticscholar: String(2_100_000_001 + k),
    arxiv: k === 0 ? ARXIV_AUTHOR : `au:"Bench Author ${k}"`,
    dblp: k === 0 ? DBLP_PID : `39/${1762 + k}`,
    crossref: benchOrcid(k),
    orcid: benchOrcid(k),
  };
}

function benchOrcid(k: number): string {
  if (k === 0) return ORCID;
  const digits = `0000000218260${String(k).padStart(2, '0')}`;
  if (digits.length !== 15) throw new Error(`no bench ORCID iD for author ${k}`);
  // ISO 7064 MOD 11-2, the check character every ORCID iD ends with.
  let total = 0;
  for (const d of digits) total = (total + Number(d)) * 2;
  const check = (12 - (total % 11)) % 11;
  const id = `${digits}${check === 10 ? 'X' : check}`;
  return id.match(/.{4}/g)!.join('-');
}

/** Work numbers of the k-th author: 0.. for k = 0, then a million apart. */
const workNo = (k: number, i: number): number => k * 1_000_000 + i;

export interface SourceCount {
  source: ScholarlySource;
  /** Works per listing request, as the client asks for them. */
  pageSize: string;
  works: number;
  /** Listing requests of a full sync (ORCID: the summaries plus the bulk reads of full works). */
  listRequests: number;
  /** The fewest the page size allows. */
  minimum: number;
  /** The cheap change check a scheduled sync makes first (one per author, or a share of a batch). */
  scheduledPerAuthor: number;
  note: string;
}

interface SourcePlan {
  source: ScholarlySource;
  pageSize: string;
  minimum: (n: number) => number;
  routes: (n: number) => ReplayRoute[];
  sync: (client: ScholarlyClient) => Promise<number>;
  scheduled: (clients: ScholarlyClients) => Promise<number>;
  note: string;
}

/** Walks listWorks to the end; returns how many works came back. */
async function walk(client: ScholarlyClient, id: string): Promise<number> {
  let page: string | null = null;
  let works = 0;
  do {
    const result = await client.listWorks(id, page);
    works += result.works.length;
    page = result.next;
  } while (page !== null);
  return works;
}

function pages(n: number, size: number): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  for (let start = 0; start < n; start += size) out.push({ start, count: Math.min(size, n - start) });
  return out;
}

// ---------------------------------------------------------------- OpenAlex: cursor, 200 a page

export function openalexRoutes(n: number, k = 0): ReplayRoute[] {
  const author = benchAuthorIds(k).openalex;
  const template = json('openalex/works_filter_author.id_A5100000001_cursor_start.json').results[0];
  const work = (w: number) => ({ ...clone(template), id: `https://openalex.org/W9${String(workNo(k, w)).padStart(9, '0')}`, ids: { openalex: `https://openalex.org/W9${String(workNo(k, w)).padStart(9, '0')}` }, doi: null, title: `Bench work ${workNo(k, w)}`, display_name: `Bench work ${workNo(k, w)}` });
  const routes: ReplayRoute[] = [];
  const list = pages(n, 200);
  // The server sets next_cursor to null as soon as a page holds fewer than per_page hits, so an
  // exactly full last page is followed by one empty page (fixtures README, core/cursor.py).
  if (n % 200 === 0) list.push({ start: n, count: 0 });
  list.forEach(({ start, count }, p) => {
    const results = Array.from({ length: count }, (_, j) => work(start + j));
    const next = count === 200 ? `c${p + 1}` : null;
    routes.push({ path: '/works', query: { filter: `author.id:${author}`, cursor: p === 0 ? '*' : `c${p}` }, body: JSON.stringify({ meta: { count: n, page: null, per_page: 200, next_cursor: next }, results }) });
  });
  // The singleton names the author it answers for (a merged author answers under another id, which the sync then lists).
  routes.push({ path: `/authors/${author}`, body: JSON.stringify({ ...json('openalex/author_A5100000001.json'), id: `https://openalex.org/${author}` }) });
  return routes;
}

// ---------------------------------------------------------------- Semantic Scholar: offset, 500 a page

export function s2Routes(n: number, k = 0): ReplayRoute[] {
  const authorId = benchAuthorIds(k).semanticscholar;
  const template = json('semanticscholar/author_2100000001_papers_offset0.json').data[0];
  const paper = (w: number) => ({ ...clone(template), paperId: `b${String(workNo(k, w)).padStart(39, '0')}`, corpusId: 900_000_000 + workNo(k, w), externalIds: { CorpusId: 900_000_000 + workNo(k, w) }, title: `Bench work ${workNo(k, w)}` });
  const routes: ReplayRoute[] = pages(n, 500).map((p) => ({
    path: `/graph/v1/author/${authorId}/papers`,
    query: { offset: String(p.start) },
    // The last page simply has no `next`.
    body: JSON.stringify({ offset: p.start, ...(p.start + p.count < n ? { next: p.start + p.count } : {}), data: Array.from({ length: p.count }, (_, j) => paper(p.start + j)) }),
  }));
  const author = json('semanticscholar/author_2100000001.json');
  routes.push({ path: `/graph/v1/author/${authorId}`, body: JSON.stringify({ ...author, authorId }) });
  // POST /author/batch for 1,000 tracked authors: one entry per id (served once, with the first author).
  if (k === 0) routes.push({ path: '/graph/v1/author/batch', body: JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ ...author, authorId: String(2_100_000_000 + i) }))) });
  return routes;
}

// ---------------------------------------------------------------- arXiv: start/max_results, 100 a page

function arxivFeed(entries: string[], total: number, start: number, perPage: number, query = ARXIV_AUTHOR): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/bench</id>
  <title>arXiv Query: search_query=${query.replace(/&/g, '&amp;')}&amp;id_list=&amp;start=${start}&amp;max_results=${perPage}</title>
  <updated>2026-05-02T09:00:00Z</updated>
  <opensearch:itemsPerPage>${perPage}</opensearch:itemsPerPage>
  <opensearch:totalResults>${total}</opensearch:totalResults>
  <opensearch:startIndex>${start}</opensearch:startIndex>
${entries.join('\n')}
</feed>`;
}

function arxivEntry(i: number, k = 0): string {
  // New-style ids (YYMM.NNNNN): each author's works in their own year.
  const id = `${String(25 - (k % 18)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}.${String(10_000 + i).padStart(5, '0')}`;
  return `  <entry>
    <id>http://arxiv.org/abs/${id}v1</id>
    <title>Bench work ${workNo(k, i)}</title>
    <updated>2025-01-02T08:00:00Z</updated>
    <link href="https://arxiv.org/abs/${id}v1" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/${id}v1" rel="related" type="application/pdf" title="pdf"/>
    <summary>We study a benchmark problem with a simple method.</summary>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <published>2025-01-02T08:00:00Z</published>
    <arxiv:primary_category term="cs.LG"/>
    <author><name>Bench Author</name></author>
    <author><name>Zoë Müller</name><arxiv:affiliation>ETH Zürich</arxiv:affiliation></author>
  </entry>`;
}

export function arxivRoutes(n: number, k = 0): ReplayRoute[] {
  if (n > 90_000) throw new Error('arXiv bench ids have five digits: at most 90,000 works an author');
  const query = benchAuthorIds(k).arxiv;
  const headers = { 'content-type': 'application/atom+xml; charset=utf-8' };
  const routes: ReplayRoute[] = pages(n, 100).map((p) => ({
    path: '/api/query',
    query: { search_query: query, start: String(p.start), max_results: '100' },
    headers,
    body: arxivFeed(Array.from({ length: p.count }, (_, j) => arxivEntry(p.start + j, k)), n, p.start, 100, query),
  }));
  routes.push({ path: '/api/query', query: { search_query: query, max_results: '1' }, headers, body: arxivFeed([arxivEntry(0, k)], n, 0, 1, query) });
  return routes;
}

// ---------------------------------------------------------------- dblp: the whole person page

export function dblpRoutes(n: number, k = 0): ReplayRoute[] {
  const pid = benchAuthorIds(k).dblp;
  const records = Array.from(
    { length: n },
    (_, i) => `<r><inproceedings key="conf/bench/Author${workNo(k, i)}" mdate="2024-03-05">
<author pid="${pid}">Bench Author</author>
<author pid="301/2211">Zo&euml; M&uuml;ller</author>
<title>Bench work ${workNo(k, i)}.</title>
<year>${2000 + (i % 25)}</year>
<booktitle>NeurIPS</booktitle>
<ee type="oa">https://doi.org/10.5555/bench.${workNo(k, i)}</ee>
<url>db/conf/nips/nips${2000 + (i % 25)}.html#Author${workNo(k, i)}</url>
</inproceedings>
</r>`,
  );
  const body = `<?xml version="1.0" encoding="US-ASCII"?>
<dblpperson name="Bench Author" pid="${pid}" n="${n}">
<person key="homepages/${pid}" mdate="2024-02-10">
<author pid="${pid}">Bench Author</author>
</person>
${records.join('\n')}
</dblpperson>`;
  return [{ path: `/pid/${pid}.xml`, headers: { 'content-type': 'application/xml; charset=utf-8' }, body }];
}

// ---------------------------------------------------------------- ORCID: one /works, then full works 100 a request

/** A quarter of groups hold two versions (a publisher's and a repository's), as in the recordings. */
const ORCID_TWO_VERSIONS_EVERY = 4;

function orcidPutCodes(n: number, k = 0): number[][] {
  let code = 100_000 + workNo(k, 0) * 2;
  return Array.from({ length: n }, (_, i) => (i % ORCID_TWO_VERSIONS_EVERY === 0 ? [code++, code++] : [code++]));
}

export function orcidRoutes(n: number, k = 0): ReplayRoute[] {
  const orcid = benchAuthorIds(k).orcid;
  const works = json('orcid/works_0000-0002-1825-0097.json');
  const summary = works.group[0]['work-summary'][0];
  const groupTemplate = works.group[0];
  const fullTemplate = json('orcid/works-bulk_0000-0002-1825-0097_1001-1006.json').bulk[0].work;
  const codes = orcidPutCodes(n, k);
  const group = (i: number) => ({
    ...clone(groupTemplate),
    'external-ids': { 'external-id': [] },
    'work-summary': codes[i].map((code) => ({ ...clone(summary), 'put-code': code, path: `/${orcid}/work/${code}`, title: { title: { value: `Bench work ${workNo(k, i)}` } }, 'external-ids': { 'external-id': [] } })),
  });
  const list = { ...works, group: Array.from({ length: n }, (_, i) => group(i)) };
  const routes: ReplayRoute[] = [{ path: `/v3.0/${orcid}/works`, body: JSON.stringify(list) }];
  const all = codes.flat();
  for (let i = 0; i < all.length; i += 100) {
    const chunk = all.slice(i, i + 100);
    routes.push({ path: `/v3.0/${orcid}/works/${chunk.join(',')}`, body: JSON.stringify({ bulk: chunk.map((code) => ({ work: { ...clone(fullTemplate), 'put-code': code, path: `/${orcid}/work/${code}` } })) }) });
  }
  // The record holds the same works list as /works (ORCID's activities summary), as a sync reads it from there.
  const record = json('orcid/record_0000-0002-1825-0097.json');
  record['activities-summary'].works = list;
  routes.push({ path: `/v3.0/${orcid}/record`, body: JSON.stringify(record) });
  return routes;
}

// ---------------------------------------------------------------- Crossref: cursor, 100 a page

export function crossrefRoutes(n: number, k = 0): ReplayRoute[] {
  const orcid = benchAuthorIds(k).crossref;
  const list = json('crossref/works_orcid-0000-0002-1825-0097_cursor-star.json');
  const item = list.message.items[0];
  const routes: ReplayRoute[] = [];
  const all = pages(n, 100);
  // Crossref answers a next-cursor on every page, the last included: a page shorter than rows is the
  // end, so an exactly full last page is followed by one empty page. (Its scroll id stays the same
  // from page to page; here each page gets its own, which the client treats alike, so static routes can serve them.)
  if (n % 100 === 0) all.push({ start: n, count: 0 });
  all.forEach(({ start, count }, p) => {
    const items = Array.from({ length: count }, (_, j) => ({ ...clone(item), DOI: `10.5555/bench.${workNo(k, start + j)}`, title: [`Bench work ${workNo(k, start + j)}`] }));
    routes.push({
      path: '/works',
      query: { filter: `orcid:${orcid}`, rows: '100', cursor: p === 0 ? '*' : `cursor-${p}` },
      body: JSON.stringify({ ...list, message: { ...list.message, 'total-results': n, 'items-per-page': 100, 'next-cursor': `cursor-${p + 1}`, items } }),
    });
  });
  routes.push({ path: '/works', query: { filter: `orcid:${orcid}`, rows: '1' }, body: JSON.stringify({ ...list, message: { ...list.message, 'total-results': n, 'items-per-page': 1, items: [item] } }) });
  return routes;
}

const PLANS: SourcePlan[] = [
  {
    source: 'openalex',
    pageSize: '200',
    minimum: (n) => Math.ceil(n / 200),
    routes: openalexRoutes,
    sync: (c) => walk(c, OPENALEX_AUTHOR),
    scheduled: async (c) => (await c.get('openalex').getAuthor(OPENALEX_AUTHOR), 1),
    note: 'an exactly full last page costs one more, empty, page; the author singleton is free',
  },
  {
    source: 'semanticscholar',
    pageSize: '500',
    minimum: (n) => Math.ceil(n / 500),
    routes: s2Routes,
    sync: (c) => walk(c, S2_AUTHOR),
    scheduled: async (c) => (await (c.get('semanticscholar') as SemanticScholarClient).getAuthors(Array.from({ length: 1000 }, (_, i) => String(2_100_000_000 + i))), 1000),
    note: 'scheduled: POST /author/batch, one call for up to 1,000 authors',
  },
  {
    source: 'arxiv',
    pageSize: '100',
    minimum: (n) => Math.ceil(n / 100),
    routes: arxivRoutes,
    sync: (c) => walk(c, ARXIV_AUTHOR),
    scheduled: async (c) => (await c.get('arxiv').getAuthor(ARXIV_AUTHOR), 1),
    note: 'scheduled: max_results=1 sorted by lastUpdatedDate',
  },
  {
    source: 'dblp',
    pageSize: 'all',
    minimum: () => 1,
    routes: dblpRoutes,
    sync: (c) => walk(c, DBLP_PID),
    scheduled: async (c) => (await c.get('dblp').getAuthor(DBLP_PID), 1),
    note: 'one XML person page; the scheduled check reads the same whole page',
  },
  {
    source: 'orcid',
    pageSize: 'all + 100/bulk',
    minimum: (n) => 1 + Math.ceil(n / 100),
    routes: orcidRoutes,
    sync: (c) => walk(c, ORCID),
    scheduled: async (c) => (await c.get('orcid').getAuthor(ORCID), 1),
    note: `contributors need the bulk read; it reads every version's put-code (1 group in ${ORCID_TWO_VERSIONS_EVERY} has two here)`,
  },
  {
    source: 'crossref',
    pageSize: '100',
    minimum: (n) => Math.ceil(n / 100),
    routes: crossrefRoutes,
    sync: (c) => walk(c, ORCID),
    scheduled: async (c) => (await c.get('crossref').getAuthor(ORCID), 1),
    note: 'an exactly full last page costs one more, empty, page; rows=1 sorted by indexed for the check',
  },
];

/** Runs every source's full and scheduled sync for an author with `n` works; throws if a client asked for something not served. */
export async function countRequests(n: number): Promise<SourceCount[]> {
  const replay = await ReplayServer.start();
  try {
    for (const plan of PLANS) for (const route of plan.routes(n)) replay.route(route);
    const base = replay.url;
    const config: ScholarlyConfig = {
      contactEmail: null,
      timeoutMs: 30_000,
      openalex: { baseUrl: base, apiKey: null },
      semanticScholar: { baseUrl: base, apiKey: null },
      arxiv: { baseUrl: base },
      dblp: { baseUrl: base },
      crossref: { baseUrl: base },
      orcid: { baseUrl: base },
    };
    const clients = new ScholarlyClients(config);
    const out: SourceCount[] = [];
    for (const plan of PLANS) {
      replay.clearRequests();
      const works = await plan.sync(clients.get(plan.source));
      const listRequests = replay.requests.length;
      if (replay.unmatched.length > 0 || works !== n) throw new Error(`${plan.source}: ${works} of ${n} works; unserved requests: ${replay.unmatched.slice(0, 3).join(', ')}`);
      replay.clearRequests();
      const authors = await plan.scheduled(clients);
      const scheduled = replay.requests.length;
      if (replay.unmatched.length > 0) throw new Error(`${plan.source}: unserved requests: ${replay.unmatched.slice(0, 3).join(', ')}`);
      out.push({ source: plan.source, pageSize: plan.pageSize, works, listRequests, minimum: plan.minimum(n), scheduledPerAuthor: scheduled / authors, note: plan.note });
    }
    return out;
  } finally {
    await replay.close();
  }
}
