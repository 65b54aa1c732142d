import type { DigestContent } from './digest-content';
import { digestSize } from './digest-content';
import { renderDigest } from './digest-render';
import { localDayAndHour } from './digests.service';

const empty = (): DigestContent => ({
  userId: 'u1',
  localDate: '2026-12-08',
  timeZone: 'Asia/Tokyo',
  followUps: { items: [], total: 0 },
  tasks: { items: [], total: 0 },
  interviews: { items: [], total: 0 },
  newWorks: { items: [], total: 0 },
  referrals: { items: [], total: 0 },
  brokenSyncs: { items: [], total: 0 },
});
const link = (path: string) => `https://dossier.example/base${path}`;

describe('the digest mail', () => {
  it('escapes what the user typed in the HTML part and keeps it as typed in the text part', () => {
    const content = empty();
    content.followUps = { items: [{ personId: 'p1', fullName: '<script>alert("x")</script> & Co', organization: "O'Brien Labs", dueOn: '2026-12-05', reason: null }], total: 1 };
    const mail = renderDigest(content, link);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co (O&#39;Brien Labs): 3 days overdue');
    expect(mail.text).toContain('- <script>alert("x")</script> & Co (O\'Brien Labs): 3 days overdue');
    expect(mail.text).toContain('https://dossier.example/base/app/people/p1');
  });

  it("shows an interview on the account's wall clock, with its briefing, and counts what it does not list", () => {
    const content = empty();
    content.interviews = {
      items: [
        { interviewId: 'i1', startsAt: new Date('2026-12-09T05:00:00Z'), timeZone: 'Europe/London', durationMinutes: 45, format: 'video', organization: 'Acme', role: 'Research Scientist', stage: 'Technical', interviewers: ['Ada', 'Grace'], briefingId: 'b1', readiness: null },
      ],
      total: 1,
    };
    content.tasks = { items: [{ taskId: 't1', title: 'Read the paper', dueOn: '2026-12-08', about: null }], total: 12 };
    const mail = renderDigest(content, link);
    expect(mail.text).toContain('Wed 9 Dec, 14:00 GMT+9: Acme, Research Scientist (Technical) with Ada, Grace');
    expect(mail.text).toContain('Briefing: https://dossier.example/base/briefings/b1/html');
    expect(mail.text).toContain('- Read the paper: due today');
    expect(mail.text).toContain('- and 11 more: https://dossier.example/base/app/');
    expect(mail.subject).toBe('Dossier, Tue 8 Dec 2026: 1 interview, 12 tasks');
    expect(mail.text).not.toContain('Follow-ups due');
  });

  it('counts nothing on an empty day', () => {
    expect(digestSize(empty())).toBe(0);
  });
});

describe("an account's local day and hour", () => {
  it('follows the zone across a DST change', () => {
    // New York: 2026-03-08 02:00 EST becomes 03:00 EDT.
    expect(localDayAndHour('America/New_York', new Date('2026-03-08T06:59:00Z'))).toEqual({ date: '2026-03-08', hour: 1 });
    expect(localDayAndHour('America/New_York', new Date('2026-03-08T07:00:00Z'))).toEqual({ date: '2026-03-08', hour: 3 });
    expect(localDayAndHour('America/New_York', new Date('2026-07-01T11:00:00Z'))).toEqual({ date: '2026-07-01', hour: 7 });
    expect(localDayAndHour('Pacific/Kiritimati', new Date('2026-12-07T23:00:00Z'))).toEqual({ date: '2026-12-08', hour: 13 });
  });

  it('reads an unknown zone as UTC', () => {
    expect(localDayAndHour('Not/AZone', new Date('2026-12-07T23:00:00Z'))).toEqual({ date: '2026-12-07', hour: 23 });
  });
});
