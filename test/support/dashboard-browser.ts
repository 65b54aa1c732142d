import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DESKTOP, launchChromium as launch, PHONE } from './chromium';
import { buildOnce, ROOT } from './compiled-processes';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

/** Helpers for tests that drive Debian's Chromium (never a downloaded browser). */
export { CHROMIUM, CHROMIUM_FLAGS, DESKTOP, PHONE } from './chromium';
export const SHOTS = path.join(ROOT, 'test', 'output', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  const browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
  return browser;
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
export async function shoot(page: Page, name: string, folder = SHOTS): Promise<void> {
  await page.screenshot({ path: path.join(folder, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect({ name, width: overflow }).toEqual({ name, width: PHONE.width });
  await page.screenshot({ path: path.join(folder, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** Where UPDATE_SCREENSHOTS=1 copies the README's screenshots (a plain run never touches the tree). */
export const README_SHOTS = path.join(ROOT, 'docs', 'screenshots');

export interface Dashboard {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** What watchForProblems collected: a test ends by expecting it empty. */
  problems: string[];
  /** A page in a new browser context (another person, a fresh browser), watched for problems like the first. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** axe-core on the screen as it is in `page` (the dashboard's page unless given). */
  checkAccessibility(screen: string, page?: Page): Promise<void>;
  /**
   * Desktop and phone screenshots of the screen, as test/output/screenshots/<spec>/<name>-*.png (each
   * spec has its own folder, so two specs' shots never overwrite each other). With `readme`, and
   * UPDATE_SCREENSHOTS=1, the desktop one is also copied to docs/screenshots/<readme>.png.
   */
  shoot(name: string, options?: { page?: Page; readme?: string }): Promise<void>;
  /** checkAccessibility then shoot. */
  screen(name: string, options?: { page?: Page; readme?: string }): Promise<void>;
  close(): Promise<void>;
}

export interface DashboardOptions {
  /** The spec's name: its screenshots' folder under test/output/screenshots/. */
  spec: string;
  /** createTestApp's options: the worker, a clock, env overrides. */
  app?: TestAppOptions;
  /** The browser's time zone (UTC unless given). */
  timezoneId?: string;
  /** More of the first browser context's options (acceptDownloads…). */
  context?: BrowserContextOptions;
  /** Permissions granted to the dashboard's origin in the first context (clipboard-read…). */
  permissions?: string[];
}

/** The built dashboard served by a real API on a free port, and one desktop page in Chromium watched for problems. */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  await buildOnce();
  const t = await createTestApp(options.app);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const problems: string[] = [];
  const shots = path.join(SHOTS, options.spec);
  mkdirSync(shots, { recursive: true });
  const shotNames = new Set<string>();
  const newPage = async (contextOptions: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC', locale: 'en-GB', ...contextOptions });
    const page = await context.newPage();
    watchForProblems(page, baseUrl, problems);
    return page;
  };
  const page = await newPage({ ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}), ...options.context });
  const context = page.context();
  if (options.permissions) await context.grantPermissions(options.permissions, { origin: baseUrl });
  const dashboard: Dashboard = {
    t,
    baseUrl,
    browser,
    context,
    page,
    problems,
    newPage,
    checkAccessibility: (screen, on) => checkAccessibility(on ?? dashboard.page, screen),
    shoot: async (name, { page: on, readme } = {}) => {
      // Two shots of one name in a spec would overwrite each other.
      expect({ name, again: shotNames.has(name) }).toEqual({ name, again: false });
      shotNames.add(name);
      await shoot(on ?? dashboard.page, name, shots);
      if (readme && process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(README_SHOTS, { recursive: true });
        copyFileSync(path.join(shots, `${name}-desktop.png`), path.join(README_SHOTS, `${readme}.png`));
      }
    },
    screen: async (name, shootOptions = {}) => {
      await dashboard.checkAccessibility(name, shootOptions.page);
      await dashboard.shoot(name, shootOptions);
    },
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
  return dashboard;
}
