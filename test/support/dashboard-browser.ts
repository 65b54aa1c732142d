import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { buildOnce, ROOT } from './compiled-processes';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

/** Helpers for tests that drive Debian's Chromium (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'test', 'output', 'screenshots');
// This machine is offline: no background calls to Google's hosts, no sandbox in the container.
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Collects what a page must never do: load from another origin, break its own CSP, throw. */
export function watchForProblems(page: Page, baseUrl: string, problems: string[]): void {
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:')) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
}

/** axe-core on the screen as it is: no serious or critical violation. */
export async function checkAccessibility(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ screen, violations: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`) }).toEqual({ screen, violations: [] });
}

/** Desktop and phone screenshots of the screen; at 375 px nothing is wider than the screen. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect({ name, width: overflow }).toEqual({ name, width: PHONE.width });
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

export interface Dashboard {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** What watchForProblems collected: a test ends by expecting it empty. */
  problems: string[];
  close(): Promise<void>;
}

/** The built dashboard served by a real API on a free port, and one desktop page in Chromium watched for problems. */
export async function startDashboard(options: { app?: TestAppOptions; timezoneId?: string } = {}): Promise<Dashboard> {
  await buildOnce();
  const t = await createTestApp(options.app);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId: options.timezoneId ?? 'UTC', locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  watchForProblems(page, baseUrl, problems);
  return {
    t,
    baseUrl,
    browser,
    context,
    page,
    problems,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}
