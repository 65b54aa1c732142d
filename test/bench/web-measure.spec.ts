import { ApiCall, cookieHeader, percentile, SessionState, waves } from '../../bench/web/measure';

// `npm run bench:web`'s baseline replays a screen's API calls as the browser made them: calls made
// side by side go together, a call made after another had answered waits for it.
const call = (path: string, start: number, end: number): ApiCall => ({ method: 'GET', path, status: 200, start, end });

describe("bench:web's reading of a screen's API calls", () => {
  it('keeps a call made after another answered in a later group, and calls made side by side in one', () => {
    const me = call('/me', 100, 120);
    const people = call('/people?limit=25', 140, 190);
    const tags = call('/tags', 145, 160);
    expect(waves([me, people, tags])).toEqual([[me], [people, tags]]);
    // Started while /me was still running: the page did not wait for it.
    const early = call('/applications/board', 110, 170);
    expect(waves([me, early])).toEqual([[me, early]]);
    // Started after the first of a group answered, though another was still running: it may have waited.
    expect(waves([me, early, call('/x', 125, 130)]).map((w) => w.map((c) => c.path))).toEqual([['/me', '/applications/board'], ['/x']]);
    expect(waves([])).toEqual([]);
  });

  it('takes the median and p95 by nearest rank', () => {
    const runs = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200];
    expect([percentile(runs, 50), percentile(runs, 95), percentile([7], 95)]).toEqual([100, 190, 7]);
  });

  it("sends the browser's cookies for the server's host only", () => {
    const cookie = (name: string, domain: string) => ({ name, value: `${name}-value`, domain, path: '/', expires: -1, httpOnly: name === 'dossier_session', secure: false, sameSite: 'Strict' as const });
    const state: SessionState = { cookies: [cookie('dossier_session', '127.0.0.1'), cookie('dossier_csrf', '127.0.0.1'), cookie('other', 'example.org')], origins: [] };
    expect(cookieHeader(state, 'http://127.0.0.1:3000')).toBe('dossier_session=dossier_session-value; dossier_csrf=dossier_csrf-value');
  });
});
