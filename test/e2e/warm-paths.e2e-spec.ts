import type { NormalizedAuthor, NormalizedWork } from '#domain/scholarly/index';
import { WorksIngestService } from '#domain/works/index';
import { WorksRepository } from '#domain/works/works.repository';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * Warm paths to an interviewer, read from works ingested into the shared cache: contacts who
 * co-wrote with them (on any source's record of a shared work), and contacts one co-author away,
 * the co-author known by source id or ORCID iD, never by name alone.
 */
const XAVIER_ORCID = '0000-0002-1694-233X';
const DAN_ORCID = '0000-0001-5109-3700';
const CAROL_ORCID = '0000-0002-1825-0097';

function author(position: number, name: string, sourceAuthorId: string | null, orcid: string | null = null): NormalizedAuthor {
  return { position, name, sourceAuthorId, orcid, affiliations: [] };
}

function record(source: NormalizedWork['source'], sourceId: string, title: string, year: number, doi: string, authors: NormalizedAuthor[]): NormalizedWork {
  return {
    source,
    sourceId,
    sourceUrl: `https://example.org/${source}/${sourceId}`,
    title,
    publicationDate: null,
    year,
    venue: null,
    type: 'article',
    doi,
    arxivId: null,
    externalIds: {},
    authors,
    citationCount: null,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
  };
}

// Ivy is the interviewer: OpenAlex WP-I, Semantic Scholar WP-SI.
const WORKS: NormalizedWork[] = [
  // Carol (contact) and Fay (contact, deleted later) co-wrote this with Ivy.
  record('openalex', 'WP-W1', 'Warm Paths One', 2020, '10.9999/wp1', [author(1, 'Ivy Interviewer', 'WP-I'), author(2, 'Carol Contact', 'WP-C'), author(3, 'Fay Faded', 'WP-F')]),
  // The same work at two sources: Ivy is known on the OpenAlex record, Carol only on the Crossref one (by her ORCID iD).
  record('openalex', 'WP-W2', 'Warm Paths Two', 2023, '10.9999/wp2', [author(1, 'Carol Contact', null), author(2, 'Ivy Interviewer', 'WP-I')]),
  record('crossref', '10.9999/wp2', 'Warm Paths Two', 2023, '10.9999/wp2', [author(1, 'Carol Contact', null, CAROL_ORCID), author(2, 'I. Interviewer', null)]),
  // Xavier (no contact) co-wrote with Ivy; Gus (contact, erased later) too.
  record('semanticscholar', 'WP-S3', 'Warm Paths Three', 2022, '10.9999/wp3', [author(1, 'Xavier Bridge', 'WP-SX'), author(2, 'Ivy Interviewer', 'WP-SI'), author(3, 'Gus Gone', 'WP-SG')]),
  record('openalex', 'WP-W3', 'Warm Paths Three', 2022, '10.9999/wp3', [author(1, 'Xavier Bridge', 'WP-X', XAVIER_ORCID), author(2, 'Ivy Interviewer', 'WP-I'), author(3, 'Gus Gone', 'WP-G')]),
  // Xavier and Dan (contact): once by OpenAlex ids, once by ORCID iDs only (Crossref).
  record('openalex', 'WP-W4', 'Warm Paths Four', 2021, '10.9999/wp4', [author(1, 'Dan Distant', 'WP-D'), author(2, 'Xavier Bridge', 'WP-X')]),
  record('crossref', '10.9999/wp5', 'Warm Paths Five', 2024, '10.9999/wp5', [author(1, 'X. Bridge', null, XAVIER_ORCID), author(2, 'Dan Distant', null, DAN_ORCID)]),
  // Carol and Hank (contact): Hank is one co-author (Carol, a contact herself) away from Ivy.
  record('openalex', 'WP-W6', 'Warm Paths Six', 2019, '10.9999/wp6', [author(1, 'Hank Hop', 'WP-H'), author(2, 'Carol Contact', 'WP-C')]),
  // A namesake of Xavier (another id, no ORCID iD) with Erin (contact): no path by name alone.
  record('openalex', 'WP-W7', 'Warm Paths Seven', 2025, '10.9999/wp7', [author(1, 'Xavier Bridge', 'WP-X2'), author(2, 'Erin Elsewhere', 'WP-E')]),
];

describe('warm paths', () => {
  let t: TestApp;
  let me: TestUser;
  let other: TestUser;
  const people: Record<string, string> = {};
  const works: Record<string, string> = {};

  const person = async (user: TestUser, fullName: string, identities: [string, string][], links: Record<string, string> = {}): Promise<string> => {
    const id = (await t.http().post('/people').set(user.auth).send({ fullName, links }).expect(201)).body.id as string;
    for (const [source, sourceAuthorId] of identities) {
      await t.db.query(`INSERT INTO scholarly_identities (user_id, person_id, source, source_author_id, status) VALUES ($1, $2, $3, $4, 'linked')`, [user.id, id, source, sourceAuthorId]);
    }
    return id;
  };
  const warmPaths = async (user: TestUser, personId: string, query = ''): Promise<any> => (await t.http().get(`/people/${personId}/warm-paths${query}`).set(user.auth).expect(200)).body;
  const titles = (items: { title: string }[]): string[] => items.map((w) => w.title);

  beforeAll(async () => {
    t = await createTestApp();
    me = await registerUser(t);
    other = await registerUser(t);
    const result = await new WorksIngestService(new WorksRepository(t.db)).ingest(WORKS, new Date('2026-01-02T03:04:05Z'));
    WORKS.forEach((w, i) => (works[w.doi!] = result.workIds[i]));

    people.ivy = await person(me, 'Ivy Interviewer', [['openalex', 'WP-I'], ['semanticscholar', 'WP-SI']]);
    people.carol = await person(me, 'Carol Contact', [['openalex', 'WP-C']], { orcid: `https://orcid.org/${CAROL_ORCID}` });
    people.fay = await person(me, 'Fay Faded', [['openalex', 'WP-F']]);
    people.gus = await person(me, 'Gus Gone', [['openalex', 'WP-G']]);
    people.dan = await person(me, 'Dan Distant', [['openalex', 'WP-D']], { orcid: DAN_ORCID });
    people.hank = await person(me, 'Hank Hop', [['openalex', 'WP-H']]);
    people.erin = await person(me, 'Erin Elsewhere', [['openalex', 'WP-E']]);
    // Another user's network holds the same scholars.
    people.otherIvy = await person(other, 'Ivy at the other account', [['openalex', 'WP-I']]);
    people.otherCarol = await person(other, 'Carol at the other account', [['openalex', 'WP-C']]);
    people.otherDan = await person(other, 'Dan at the other account', [['openalex', 'WP-D']]);
  });
  afterAll(() => t.close());

  it('lists contacts who co-wrote with the interviewer, with the shared works, most shared first', async () => {
    const paths = await warmPaths(me, people.ivy);
    expect(paths.direct.map((d: any) => d.contact.fullName)).toEqual(['Carol Contact', 'Gus Gone', 'Fay Faded']);
    const [carol] = paths.direct;
    expect(carol).toMatchObject({ contact: { id: people.carol, fullName: 'Carol Contact' }, sharedWorkCount: 2, latestYear: 2023 });
    // Warm Paths Two counts although Ivy and Carol are known on different sources' records of it.
    expect(titles(carol.sharedWorks)).toEqual(['Warm Paths Two', 'Warm Paths One']);
    expect(carol.sharedWorks[0]).toEqual({ id: works['10.9999/wp2'], title: 'Warm Paths Two', year: 2023, venue: null, doi: '10.9999/wp2', arxivId: null });
    expect(paths.directTotal).toBe(3);
  });

  it('lists contacts one co-author away, naming the co-author, known across sources by id and ORCID iD', async () => {
    const paths = await warmPaths(me, people.ivy);
    expect(paths.viaCoauthor.map((v: any) => v.contact.fullName)).toEqual(['Dan Distant', 'Hank Hop']);
    const [dan, hank] = paths.viaCoauthor;
    expect(dan).toMatchObject({ contact: { id: people.dan }, throughCount: 1, latestYear: 2024 });
    expect(dan.through).toHaveLength(1);
    const [leg] = dan.through;
    expect(leg.coauthor).toEqual({
      name: 'Xavier Bridge',
      orcid: XAVIER_ORCID,
      personId: null,
      sourceIds: expect.arrayContaining([
        { source: 'openalex', sourceAuthorId: 'WP-X' },
        { source: 'semanticscholar', sourceAuthorId: 'WP-SX' },
      ]),
    });
    expect(leg.coauthor.sourceIds).toHaveLength(2);
    expect(titles(leg.worksWithInterviewer)).toEqual(['Warm Paths Three']);
    // One work found by OpenAlex ids, the other by ORCID iDs alone.
    expect(titles(leg.worksWithContact)).toEqual(['Warm Paths Five', 'Warm Paths Four']);
    expect(leg).toMatchObject({ worksWithInterviewerCount: 1, worksWithContactCount: 2 });

    // Through a co-author who is a contact: named with their person id.
    expect(hank.through.map((l: any) => l.coauthor)).toEqual([{ name: 'Carol Contact', orcid: null, personId: people.carol, sourceIds: [{ source: 'openalex', sourceAuthorId: 'WP-C' }] }]);
    expect(titles(hank.through[0].worksWithContact)).toEqual(['Warm Paths Six']);
  });

  it('never links by a namesake, and never repeats a direct co-author as indirect', async () => {
    const paths = await warmPaths(me, people.ivy);
    const everyone = [...paths.direct, ...paths.viaCoauthor].map((p: any) => p.contact.id);
    expect(everyone).not.toContain(people.erin);
    expect(new Set(everyone).size).toBe(everyone.length);
    expect(paths.viaCoauthorTotal).toBe(2);
  });

  it('caps the lists and the works per path, keeping the counts', async () => {
    const paths = await warmPaths(me, people.ivy, '?limit=1&works=1');
    expect(paths.direct).toHaveLength(1);
    expect(paths.direct[0]).toMatchObject({ sharedWorkCount: 2 });
    expect(titles(paths.direct[0].sharedWorks)).toEqual(['Warm Paths Two']);
    expect(paths.viaCoauthor).toHaveLength(1);
    expect(paths.viaCoauthor[0].through[0]).toMatchObject({ worksWithContactCount: 2 });
    expect(paths.viaCoauthor[0].through[0].worksWithContact).toHaveLength(1);
    expect(paths).toMatchObject({ directTotal: 3, viaCoauthorTotal: 2, limit: 1 });
    const bad = await t.http().get(`/people/${people.ivy}/warm-paths?limit=0&works=x`).set(me.auth).expect(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['limit', 'works']);
  });

  it("never shows another user's contacts, and another user cannot read them", async () => {
    const mine = await warmPaths(me, people.ivy);
    const ids = [...mine.direct, ...mine.viaCoauthor].map((p: any) => p.contact.id);
    expect(ids).not.toContain(people.otherCarol);
    expect(ids).not.toContain(people.otherDan);
    const theirs = await warmPaths(other, people.otherIvy);
    expect(theirs.direct.map((d: any) => d.contact.id)).toEqual([people.otherCarol]);
    expect(theirs.viaCoauthor.map((v: any) => v.contact.id)).toEqual([people.otherDan]);
    await t.http().get(`/people/${people.ivy}/warm-paths`).set(other.auth).expect(404);
  });

  it('drops deleted and erased contacts, and answers 404 for a deleted interviewer', async () => {
    await t.http().delete(`/people/${people.fay}`).set(me.auth).expect(204);
    await t.http().post(`/people/${people.gus}/erase`).set(me.auth).expect(200);
    const paths = await warmPaths(me, people.ivy);
    expect(paths.direct.map((d: any) => d.contact.fullName)).toEqual(['Carol Contact']);
    expect(paths.viaCoauthor.map((v: any) => v.contact.fullName)).toEqual(['Dan Distant', 'Hank Hop']);
    // Restored, Fay is back.
    await t.http().post(`/people/${people.fay}/restore`).set(me.auth).expect(200);
    expect((await warmPaths(me, people.ivy)).direct.map((d: any) => d.contact.fullName)).toEqual(['Carol Contact', 'Fay Faded']);

    await t.http().delete(`/people/${people.ivy}`).set(me.auth).expect(204);
    await t.http().get(`/people/${people.ivy}/warm-paths`).set(me.auth).expect(404);
  });
});
