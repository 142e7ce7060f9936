// Shared e2e helpers: a `page` that fails the test on any console error or warning, the
// bundled scenarios read from scenarios/, and small page actions.
import { readdirSync, readFileSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await use(problems);
    expect(problems, 'the page logged errors or warnings').toEqual([]);
  },
});
export { expect };

interface ScenarioFile {
  readonly id: string;
  readonly machines?: readonly unknown[];
  readonly flows: readonly { id: string; expect?: unknown }[];
  readonly variants?: readonly { id: string; expect?: Record<string, unknown> }[];
}

/** Every bundled scenario: its URL name, and its flows with their expectations as written. */
export const scenarios = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ param: f.replace(/\.yaml$/, ''), file: parse(readFileSync(`scenarios/${f}`, 'utf8')) as ScenarioFile }));

/** Opens the lab at `search` and waits until the engine worker has answered. */
export async function openLab(page: Page, search: string): Promise<void> {
  await page.goto(`./${search}`);
  await expect(page.getByTestId('scenario-header').or(page.locator('[data-embed]'))).toBeVisible();
}

/** Waits for the trace and returns its verdict. */
export async function verdict(page: Page): Promise<string | null> {
  const badge = page.getByTestId('verdict');
  await expect(badge).toBeVisible();
  return badge.getAttribute('data-verdict');
}

/** Plays the flow: press play, watch it move, then run to the end with the End key. */
export async function playToEnd(page: Page): Promise<void> {
  const bar = page.getByTestId('playback');
  await page.getByTestId('play').click();
  // a short flow (a few steps at 1x) may already have finished when the bar is first read
  await expect(bar).toHaveAttribute('data-status', /playing|finished/);
  await expect.poll(async () => stepNumber(page)).toBeGreaterThan(1);
  await page.keyboard.press('End');
  await expect(bar).toHaveAttribute('data-status', 'finished');
}

/** The 1-based step the counter shows ("12 / 48" → 12). */
export async function stepNumber(page: Page): Promise<number> {
  const text = (await page.getByTestId('step-counter').textContent()) ?? '';
  return Number(/(\d+)\s*\//.exec(text)?.[1] ?? NaN);
}

/**
 * A timeline row (`[data-step-index]`, `[data-walk]` …) with `text`, found as a user finds it: the
 * timeline is a virtual list that draws only the rows in view, so scroll it from the top a box
 * at a time until the row is drawn, then bring it into view.
 */
export async function timelineRow(page: Page, selector: string, text?: string | RegExp): Promise<Locator> {
  const timeline = page.getByTestId('timeline');
  const row = timeline.locator(selector, text === undefined ? undefined : { hasText: text }).first();
  const box = timeline.locator('[data-testid="timeline-scroll"]');
  await box.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 400; i++) {
    // the list may redraw under us (the page brings the current row into view when the list
    // changes): a row found and gone again is looked for again
    if ((await row.count()) > 0 && (await row.scrollIntoViewIfNeeded({ timeout: 2000 }).then(() => true, () => false))) return row;
    const end = await box.evaluate((el) => {
      const at = el.scrollTop;
      el.scrollTop += el.clientHeight * 0.75;
      return el.scrollTop === at;
    });
    await page.waitForTimeout(50); // the list draws the rows now in view
    if (end && (await row.count()) === 0) break;
  }
  throw new Error(`no timeline row ${selector}${text === undefined ? '' : ` with ${String(text)}`}`);
}
