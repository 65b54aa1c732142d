// How `npm run bench:web` measures a screen: in Debian's Chromium, from navigation to usable; the
// scripts it loaded; the API calls it made (read from the browser's network log), replayed from Node.
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import { DESKTOP } from '../../test/support/chromium';

/** What the signed-in browser context carries (its cookies), to open fresh contexts with. */
export type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface Screen {
  name: string;
  path: string;
  /** The contract the screen keeps when it is usable, in words (for the timeout message). */
  usableWhen: string;
  /** The key of the in-page check below. */
  check: 'people' | 'board';
}

export const SCREENS: Screen[] = [
  { name: 'People', path: '/app/people', usableWhen: 'links to /app/people/<id> visible in <main> and its search box enabled', check: 'people' },
  {
    name: 'Pipeline board',
    path: '/app/pipeline',
    usableWhen: 'an element with the attribute data-board-ready, holding links to /app/applications/<id>',
    check: 'board',
  },
];

/**
 * Runs in the page before its own scripts (Playwright injects it over CDP, so the page's CSP does not
 * apply). window.__benchWatch(check, path) resolves with performance.now() at the first DOM change
 * after which the page is at `path` and the screen's check holds: the DOM's time, just before the
 * frame that paints it. performance.now() counts from the navigation's start; when the page is opened
 * at a screen's URL, the watch starts at once, as window.__benchUsable. (Playwright's waitForFunction
 * would compile its predicate in the page, which the dashboard's CSP forbids; awaiting a promise over
 * CDP does not.)
 */
const WATCH = `(() => {
  const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  const linksTo = (root, prefix) => [...root.querySelectorAll('a[href^="' + prefix + '"]')].filter((a) => new RegExp('^' + prefix + ID + '$', 'i').test(a.getAttribute('href')));
  const checks = {
    people: () => {
      const main = document.querySelector('main');
      if (!main) return false;
      const search = main.querySelector('input[type=search], [role=searchbox]');
      if (!search || search.disabled || search.getAttribute('aria-disabled') === 'true') return false;
      return linksTo(main, '/app/people/').some((a) => a.checkVisibility());
    },
    board: () => {
      const root = document.querySelector('[data-board-ready]');
      return !!root && linksTo(root, '/app/applications/').some((a) => a.checkVisibility());
    },
  };
  window.__benchWatch = (key, path) => new Promise((resolve) => {
    const usable = () => location.pathname === path && checks[key]();
    if (usable()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!usable()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const opened = __OPENED__;
  if (opened) window.__benchUsable = window.__benchWatch(opened.check, opened.path);
})();`;

/** One API call of a screen, as the browser made it, with its place in time (epoch ms). */
export interface ApiCall {
  method: string;
  /** Path and query, as the page asked for them. */
  path: string;
  status: number;
  start: number;
  end: number;
}

export interface LoadedScript {
  path: string;
  bytes: number;
  gzipBytes: number;
  /** When its last byte arrived (epoch ms). */
  end: number;
}

export interface Visit {
  /** ms from the navigation's start (or the click) to the screen's check holding. */
  usableMs: number;
  /** fetch/XHR requests started before the screen was usable, in order. */
  apiCalls: ApiCall[];
  scripts: LoadedScript[];
  /** The navigation's start (or the click) and when the HTML's last byte arrived (epoch ms), for the timeline. */
  timeOrigin: number;
  documentEnd: number;
}

export class NeverUsableError extends Error {}

/** Signs in through the sign-in form, as a person does; the cookie session is what the visits carry. */
export async function signIn(browser: Browser, baseUrl: string, email: string, password: string): Promise<SessionState> {
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The app lands on Today, at /app (the router's basename) or /app/.
    await page.waitForURL((url) => /^\/app\/?$/.test(url.pathname), { timeout: 30_000 });
    const state = await context.storageState();
    if (!state.cookies.some((c) => c.httpOnly)) throw new Error('signing in left no HttpOnly session cookie in the browser');
    return state;
  } finally {
    await context.close();
  }
}

/** The Cookie header the browser sends to `baseUrl`, for Node to make the same calls in the same session. */
export function cookieHeader(state: SessionState, baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  return state.cookies
    .filter((c) => c.domain.replace(/^\./, '') === host)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

/**
 * How a screen is reached: `open`, its URL typed or followed from elsewhere (the whole app loads);
 * `in-app`, its link in the main navigation clicked on Today, once Today is loaded and idle.
 */
export type Way = 'open' | 'in-app';

/** The first screen after sign-in (/app/), until the network is idle: the scripts it loaded. */
export async function firstScreenScripts(context: BrowserContext, baseUrl: string, timeoutMs: number): Promise<LoadedScript[]> {
  const page = await context.newPage();
  const scripts = recordScripts(page);
  try {
    await page.goto(`${baseUrl}/app/`, { waitUntil: 'networkidle', timeout: timeoutMs });
    return await Promise.all(scripts);
  } finally {
    await page.close();
  }
}

/**
 * Reaches `screen` in a new page of `context` the `way` given and waits until it is usable. With
 * `record`, also collects the API calls made and the scripts loaded on the way (waiting for the
 * network to settle after the screen is usable, so that every chunk it loaded is counted).
 */
export async function visit(context: BrowserContext, baseUrl: string, screen: Screen, way: Way, options: { record: boolean; timeoutMs: number }): Promise<Visit> {
  const page = await context.newPage();
  try {
    await page.addInitScript(WATCH.replace('__OPENED__', JSON.stringify(way === 'open' ? { check: screen.check, path: screen.path } : null)));
    let calls: Request[] = [];
    let scripts: Promise<LoadedScript>[] = [];
    let html: Request | undefined;
    if (way === 'in-app') await page.goto(`${baseUrl}/app/`, { waitUntil: 'networkidle', timeout: options.timeoutMs });
    if (options.record) {
      calls = recordCalls(page);
      scripts = recordScripts(page);
      page.on('response', (response) => {
        if (response.request().resourceType() === 'document') html = response.request();
      });
    }
    let start: number;
    let usableAt: Promise<number>;
    if (way === 'open') {
      await page.goto(`${baseUrl}${screen.path}`, { waitUntil: 'commit', timeout: options.timeoutMs });
      start = 0;
      usableAt = page.evaluate('window.__benchUsable') as Promise<number>;
    } else {
      const link = `nav a[href="${screen.path}"]`;
      if ((await page.locator(link).count()) === 0) throw new NeverUsableError(`${screen.name}: no link to ${screen.path} in the main navigation of Today (${link})`);
      // The watch starts, the clock is read and the link is clicked in one go, in the page.
      const [clicked, usable] = (await Promise.race([
        page.evaluate(`(() => { const usable = window.__benchWatch(${JSON.stringify(screen.check)}, ${JSON.stringify(screen.path)}); const clicked = performance.now(); document.querySelector(${JSON.stringify(link)}).click(); return usable.then((at) => [clicked, at]); })()`),
        timeout(options.timeoutMs),
      ]).catch(async () => never(page, screen, options.timeoutMs))) as [number, number];
      start = clicked;
      usableAt = Promise.resolve(usable);
    }
    const usable = await Promise.race([usableAt, timeout(options.timeoutMs)]).catch(async () => never(page, screen, options.timeoutMs));
    const timeOrigin = ((await page.evaluate('performance.timeOrigin')) as number) + start;
    if (!options.record) return { usableMs: usable - start, apiCalls: [], scripts: [], timeOrigin, documentEnd: NaN };
    // Opened: the chunks the screen loads late. (From Today, the load state is Today's: this returns at once.)
    await page.waitForLoadState('networkidle', { timeout: options.timeoutMs }).catch(() => undefined);
    return {
      usableMs: usable - start,
      apiCalls: await apiCalls(calls, timeOrigin, timeOrigin + usable - start),
      scripts: await Promise.all(scripts),
      timeOrigin,
      documentEnd: html ? endOf(html) : NaN,
    };
  } finally {
    await page.close();
  }
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref());
}

async function never(page: Page, screen: Screen, timeoutMs: number): Promise<never> {
  throw new NeverUsableError(`${screen.name} (${screen.path}) was not usable within ${timeoutMs / 1000} s: the bench waits for ${screen.usableWhen}; the page shows ${await describe(page)}`);
}

function recordCalls(page: Page): Request[] {
  const calls: Request[] = [];
  page.on('request', (request) => {
    if (['fetch', 'xhr'].includes(request.resourceType())) calls.push(request);
  });
  return calls;
}

function recordScripts(page: Page): Promise<LoadedScript>[] {
  const scripts: Promise<LoadedScript>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(scriptSize(response));
  });
  return scripts;
}

/** Where the page is and what it says, for a message: its URL and its first heading and text. */
async function describe(page: Page): Promise<string> {
  const text = ((await page.locator('body').innerText({ timeout: 2000 }).catch(() => '')) || '(nothing)').replace(/\s+/g, ' ').slice(0, 160);
  return `${new URL(page.url()).pathname}: "${text}"`;
}

async function scriptSize(response: Response): Promise<LoadedScript> {
  const body = await response.body().catch(() => Buffer.alloc(0));
  return { path: new URL(response.url()).pathname, bytes: body.length, gzipBytes: gzipSync(body).length, end: endOf(response.request()) };
}

/** When the response's last byte arrived (epoch ms); its start when the browser did not say. */
function endOf(request: Request): number {
  const timing = request.timing();
  return timing.startTime + Math.max(0, timing.responseEnd);
}

/** The fetch/XHR requests that started between `from` and `until` (epoch ms), with their times. */
async function apiCalls(requests: Request[], from: number, until: number): Promise<ApiCall[]> {
  const out: ApiCall[] = [];
  for (const request of requests) {
    const start = request.timing().startTime;
    if (start < from - 1 || start >= until) continue;
    // Its timing is complete once its body has arrived (after a click, no load event waits for that).
    const response = await request.response();
    await response?.finished();
    const url = new URL(request.url());
    out.push({ method: request.method(), path: url.pathname + url.search, status: response?.status() ?? 0, start, end: endOf(request) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The calls in the order the screen needs them: a call that started while every call of the current
 * wave was still running joins it (the page did not wait for any of them); one that started after a
 * call of the wave had finished may have waited for it, and starts the next wave.
 */
export function waves(calls: ApiCall[]): ApiCall[][] {
  const out: ApiCall[][] = [];
  for (const call of calls) {
    const current = out[out.length - 1];
    if (current && call.start < Math.min(...current.map((c) => c.end))) current.push(call);
    else out.push([call]);
  }
  return out;
}

/**
 * The baseline: the same calls from Node in the same session, wave after wave, each wave at once;
 * the time until the last body is read. Throws when a call answers other than the browser got.
 */
export async function replay(baseUrl: string, cookie: string, plan: ApiCall[][]): Promise<number> {
  const started = performance.now();
  for (const wave of plan) {
    await Promise.all(
      wave.map(async (call) => {
        const response = await fetch(baseUrl + call.path, { method: call.method, headers: { cookie, accept: 'application/json' } });
        await response.arrayBuffer();
        if (response.status !== call.status) throw new Error(`${call.method} ${call.path} answered ${response.status} from Node, ${call.status} in the browser`);
      }),
    );
  }
  return performance.now() - started;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
