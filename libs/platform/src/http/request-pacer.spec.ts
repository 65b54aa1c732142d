import { setTimeout as sleep } from 'node:timers/promises';
import { InProcessPacingStore, PacingStore, RequestPacer, sendTolerance } from './request-pacer';

describe('RequestPacer', () => {
  it('lets concurrent senders out one slot apart, in the order they asked', async () => {
    const pacer = new RequestPacer(new InProcessPacingStore(), { openalex: 40 });
    const sent: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => pacer.beforeSend('openalex').then(() => sent.push(performance.now()))));
    const gaps = sent.slice(1).map((at, i) => at - sent[i]);
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(40);
  });

  it('does not pace a key without a spacing', async () => {
    const store = new InProcessPacingStore();
    const reserve = jest.spyOn(store, 'reserve');
    await new RequestPacer(store, { openalex: 40 }).beforeSend('unknown');
    expect(reserve).not.toHaveBeenCalled();
  });

  it('gives up a slot it reached too late and reserves another', async () => {
    const inner = new InProcessPacingStore();
    let calls = 0;
    // The first answer comes back long after the store saw "now": that slot may already be crowded.
    const slow: PacingStore = {
      reserve: async (key, gap) => {
        calls += 1;
        const wait = await inner.reserve(key, gap);
        if (calls === 1) await sleep(sendTolerance(30) * 4);
        return wait;
      },
      hold: (key, ms) => inner.hold(key, ms),
      close: async () => undefined,
    };
    await new RequestPacer(slow, { dblp: 30 }).beforeSend('dblp');
    expect(calls).toBe(2);
  });

  it('holds every sender for a Retry-After', async () => {
    const pacer = new RequestPacer(new InProcessPacingStore(), { orcid: 10 });
    const start = performance.now();
    await pacer.hold('orcid', 120);
    await pacer.beforeSend('orcid');
    expect(performance.now() - start).toBeGreaterThanOrEqual(120);
  });
});
