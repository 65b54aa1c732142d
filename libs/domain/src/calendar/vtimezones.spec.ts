import { Vtimezones } from './vtimezones';
import { WallClockTime } from './wall-clock-time';

describe('Vtimezones', () => {
  const zones = new Vtimezones();

  it('uses a zone whose bundled VTIMEZONE agrees with the runtime at the event times', () => {
    expect(zones.zoneFor('Asia/Tokyo', [new Date('2026-03-10T05:00:00Z')])).toBe('Asia/Tokyo');
    expect(zones.zoneFor('Europe/London', [new Date('2026-07-01T08:00:00Z'), new Date('2026-12-01T08:00:00Z')])).toBe('Europe/London');
    expect(zones.component('Asia/Tokyo')).toContain('TZID:Asia/Tokyo');
  });

  it('falls back to UTC for stale rules, zones without data, and wall-clock times that happen twice', () => {
    // Mexico abolished summer time in 2022; the bundled data still has it.
    expect(zones.zoneFor('America/Mexico_City', [new Date('2026-06-10T16:00:00Z')])).toBeNull();
    expect(zones.zoneFor('Europe/Kyiv', [new Date('2026-06-10T16:00:00Z')])).toBeNull();
    // 01:30 in London on 2026-10-25 happens at 00:30Z (BST) and at 01:30Z (GMT): one of them cannot be written with TZID.
    const twice = [new Date('2026-10-25T00:30:00Z'), new Date('2026-10-25T01:30:00Z')].map((at) => zones.zoneFor('Europe/London', [at]));
    expect(twice).toContain(null);
    expect(twice).toContain('Europe/London');
  });
});

describe('WallClockTime', () => {
  it("formats an instant on the zone's wall clock, whatever the server's zone", () => {
    const at = new WallClockTime(new Date('2026-03-10T00:00:00Z'), 'UTC');
    expect(at.tz('Asia/Tokyo').format('YYYYMMDD') + 'T' + at.tz('Asia/Tokyo').format('HHmmss')).toBe('20260310T090000');
    expect(at.tz('America/Los_Angeles').format()).toBe('2026-03-09T17:00:00');
    expect(at.toDate().toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });
});
