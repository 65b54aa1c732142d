import { join } from 'node:path';
import type { ReplayServer } from '../support/replay-server';
import { finishedRuns, FIXTURES, scholarlyReplay, syncEnv } from '../support/sync-fixtures';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';

/**
 * A split profile: OpenAlex holds Mira Kowalczyk as two author records, her early work (2011–2014,
 * graph kernels, Warsaw) under A5200000002 and the rest (2016–2023, graph networks, ETH) under
 * A5200000001; a third "Mira Kowalczyk" (A5200000003) studies birds. With the first linked and
 * synced, the candidates suggest the second as the same person, with the reasons; linked too, the
 * works of both records are the person's, in their works and their reading checklist.
 * Fixtures: test/fixtures/scholarly/openalex/split-profile_*.json (written for this test).
 */
const MIRA = 'Mira Kowalczyk';
const fixture = (name: string) => join(FIXTURES, 'openalex', `split-profile_${name}.json`);

interface Candidate {
  sourceAuthorId: string;
  score: number;
  reasons: { kind: string; points: number; detail: string }[];
  splitProfileOf: { identityId: string; sourceAuthorId: string } | null;
}

describe('split profiles: one person, two author records at a source', () => {
  let replay: ReplayServer;
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    replay = await scholarlyReplay();
    replay.route({ path: '/authors', query: { filter: `display_name.search:${MIRA}` }, file: fixture('authors_filter_display_name.search_mira_kowalczyk') });
    for (const id of ['A5200000001', 'A5200000002']) replay.route({ path: `/authors/${id}`, file: fixture(`author_${id}`) });
    for (const id of ['A5200000001', 'A5200000002', 'A5200000003']) replay.route({ path: '/works', query: { filter: `author.id:${id}` }, file: fixture(`works_filter_author.id_${id}`) });
    t = await createTestApp({ worker: true, env: syncEnv(replay) });
    user = await registerUser(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replay?.close();
  });

  const sync = async (personId: string) => finishedRuns(t, user, (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body.runIds);
  const candidates = async (personId: string) => (await t.http().get(`/people/${personId}/identity-candidates?sources=openalex`).set(user.auth).expect(200)).body;

  it('suggests the second record with its reasons, and once both are linked their works are all the person’s', async () => {
    const personId = (await t.http().post('/people').set(user.auth).send({ fullName: MIRA }).expect(201)).body.id as string;
    const first = (await t.http().post(`/people/${personId}/identities`).set(user.auth).send({ source: 'openalex', id: 'A5200000001' }).expect(201)).body;
    expect((await sync(personId)).openalex).toMatchObject({ status: 'succeeded', worksNew: 3 });

    const listed = await candidates(personId);
    expect(listed.errors).toEqual([]);
    const byId = Object.fromEntries((listed.candidates as Candidate[]).map((c) => [c.sourceAuthorId, c]));
    expect(byId.A5200000001).toMatchObject({ splitProfileOf: null });
    expect(byId.A5200000002.splitProfileOf).toEqual({ identityId: first.id, sourceAuthorId: 'A5200000001' });
    expect(byId.A5200000002.reasons.filter((r) => r.kind === 'split-profile')).toEqual([
      { kind: 'split-profile', points: 0.05, detail: 'Shares a co-author with the linked record A5200000001: Jonas Lindqvist' },
      { kind: 'split-profile', points: 0.1, detail: 'Shares 2 topics with the linked record A5200000001: Graph Neural Networks, Molecular Property Prediction' },
      { kind: 'split-profile', points: 0.1, detail: 'Its works (2011–2014) come before those of the linked record A5200000001' },
    ]);
    // The namesake in another field, whose years overlap: same name, nothing else in common.
    expect(byId.A5200000003).toMatchObject({ splitProfileOf: null });
    expect(byId.A5200000003.reasons.map((r) => r.kind)).toEqual(['name']);
    expect(byId.A5200000002.score).toBeGreaterThan(byId.A5200000003.score);
    // Each suspect's works were read once to compare; the linked record's came from the works already synced.
    expect(replay.requests.filter((r) => r.path === '/works' && r.query.get('filter') === 'author.id:A5200000002')).toHaveLength(1);

    // Linked as well: a second identity at the same source.
    await t.http().post(`/people/${personId}/identities`).set(user.auth).send({ source: 'openalex', id: 'A5200000002' }).expect(201);
    const identities = (await t.http().get(`/people/${personId}/identities`).set(user.auth).expect(200)).body.items as { source: string; sourceAuthorId: string; status: string }[];
    expect(identities.filter((i) => i.status === 'linked').map((i) => [i.source, i.sourceAuthorId])).toEqual([
      ['openalex', 'A5200000001'],
      ['openalex', 'A5200000002'],
    ]);
    const { runIds } = (await t.http().post(`/people/${personId}/sync`).set(user.auth).expect(202)).body;
    expect(runIds).toHaveLength(2);
    await finishedRuns(t, user, runIds);
    const runs = await t.db.query('SELECT r.status, i.source_author_id FROM sync_runs r JOIN scholarly_identities i ON i.id = r.identity_id WHERE r.id = ANY($1::uuid[]) ORDER BY i.source_author_id', [runIds]);
    expect(runs).toEqual([
      { status: 'succeeded', source_author_id: 'A5200000001' },
      { status: 'succeeded', source_author_id: 'A5200000002' },
    ]);

    const works = (await t.http().get(`/people/${personId}/works?limit=100`).set(user.auth).expect(200)).body.items as { title: string }[];
    expect(works.map((w) => w.title).sort()).toEqual([
      'Equivariant Graph Networks for Drug Discovery',
      'Graph Kernels for Molecular Property Prediction',
      'Learning Molecular Fingerprints at Scale',
      'Message Passing for Molecular Conformers',
      'Random Walk Kernels on Chemical Graphs',
    ]);
    const checklist = (await t.http().get(`/people/${personId}/reading-checklist`).set(user.auth).expect(200)).body.items as { work: { title: string } }[];
    expect(checklist.map((i) => i.work.title)).toEqual(expect.arrayContaining(['Graph Kernels for Molecular Property Prediction', 'Message Passing for Molecular Conformers']));
    expect(checklist).toHaveLength(5);
    // No namesake's paper reached them.
    expect(works.some((w) => /Songbirds|Migration/.test(w.title))).toBe(false);
  }, 90_000);
});
