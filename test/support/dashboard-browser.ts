import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, Page } from 'playwright-core';
import { DESKTOP, launchChromium as launch, PHONE } from './chromium';
import { ROOT } from './compiled-processes';

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
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect({ name, width: overflow }).toEqual({ name, width: PHONE.width });
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}
