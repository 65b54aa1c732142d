import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { createTestApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { seedInterviewScene, Scene } from '../support/briefing-scene';

/**
 * The HTML briefing as a user's browser shows it: Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium; `.ci/run` installs it) opens the page from the running API, with the API's
 * Content-Security-Policy, and a screenshot of each key section is taken (kept in test/output/).
 */
const OUTPUT = path.join(__dirname, '..', 'output');

describe('the HTML briefing in a browser', () => {
  let t: TestApp;
  let user: TestUser;
  let scene: Scene;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    user = await registerUser(t);
    scene = await seedInterviewScene(t, user);
    // Debian's Chromium with the flags an offline, sandboxed machine needs (the dashboard tests' own launch).
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders every key section, styled, with nothing blocked by its security policy', async () => {
    const requested = (await t.http().post(`/interviews/${scene.interviewId}/briefings`).set(user.auth).expect(202)).body;
    await waitFor(async () => ((await t.http().get(`/briefings/${requested.id}`).set(user.auth)).body.status === 'ready' ? true : undefined));

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, extraHTTPHeaders: { authorization: user.auth.Authorization } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${baseUrl}/briefings/${requested.id}/html`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Briefing: Team lead interview at Example Frontier Lab (v1)');

    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(path.join(OUTPUT, 'briefing.png'), await page.screenshot({ fullPage: true }));
    const sections = ['the-interview', 'interviewers', 'reading-checklist', 'the-application', 'prep-for-the-team-lead-stage', 'research-notes-example-frontier-lab'];
    const shots = new Set<string>();
    for (const id of sections) {
      const heading = page.locator(`h2#${id}`);
      expect(await heading.isVisible()).toBe(true);
      const box = await heading.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(10);
      // The stylesheet applied (inline styles are what the policy allows): headings carry their rule.
      expect(await heading.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderBottomStyle: string } }).getComputedStyle(el).borderBottomStyle)).toBe('solid');
      const shot = await heading.screenshot();
      writeFileSync(path.join(OUTPUT, `briefing-${id}.png`), shot);
      shots.add(shot.toString('base64'));
    }
    // Six different headings give six different pictures (not six blank boxes).
    expect(shots.size).toBe(sections.length);
    // The interviewers' sections and the links to the source records are there, as links.
    expect(await page.locator('h3', { hasText: 'Ada Lovelace' }).isVisible()).toBe(true);
    expect(await page.locator('a[href="https://openalex.org/W2001"]').count()).toBeGreaterThan(0);
    // The user's note with markup shows as text.
    expect(await page.locator('blockquote', { hasText: 'Bring <script>-free questions' }).count()).toBe(1);
    expect(violations).toEqual([]);
    await page.close();

    // The same page printed to PDF by the server's Chromium.
    const pdf = await t.http().get(`/briefings/${requested.id}/pdf`).set(user.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('inline; filename="briefing-v1.pdf"');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Titled like the page; A4 pages (595 × 842 points), more than one: the briefing is several screens long.
    const text = bytes.toString('latin1');
    expect(text).toContain('/Title (Briefing: Team lead interview at Example Frontier Lab \\(v1\\))');
    const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBeGreaterThan(1);
    for (const [w, h] of boxes) {
      expect(Math.abs(w - 595)).toBeLessThanOrEqual(1);
      expect(Math.abs(h - 842)).toBeLessThanOrEqual(1);
    }
    writeFileSync(path.join(OUTPUT, 'briefing.pdf'), bytes);
  });

  it('answers 503, naming the setting, where the server has no Chromium', async () => {
    const bare = await createTestApp({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    try {
      const owner = await registerUser(bare);
      const [org] = await bare.db.query("INSERT INTO organizations (user_id, name, name_folded) VALUES ($1, 'Lab', 'lab') RETURNING id", [owner.id]);
      const application = (await bare.http().post('/applications').set(owner.auth).send({ organizationId: org.id, role: 'Research Engineer' }).expect(201)).body;
      const interview = (
        await bare.http().post('/interviews').set(owner.auth).send({ stageId: application.stages[0].id, startsAt: '2027-01-05T10:00:00Z', timeZone: 'UTC', durationMinutes: 30, format: 'phone' }).expect(201)
      ).body;
      const [briefing] = await bare.db.query("INSERT INTO briefings (user_id, interview_id, version, trigger, status, markdown, html) VALUES ($1, $2, 1, 'manual', 'ready', '# B', '<h1>B</h1>') RETURNING id", [owner.id, interview.id]);
      const res = await bare.http().get(`/briefings/${briefing.id}/pdf`).set(owner.auth).expect(503);
      expect(res.body).toMatchObject({ code: 'briefing.pdf-unavailable' });
      expect(res.body.message).toContain('CHROMIUM_PATH (/nonexistent/chromium)');
      // The other formats do not need it.
      expect((await bare.http().get(`/briefings/${briefing.id}/html`).set(owner.auth).expect(200)).text).toBe('<h1>B</h1>');
    } finally {
      await bare.close();
    }
  });
});
