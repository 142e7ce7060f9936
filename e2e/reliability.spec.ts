// Bad input and failures on the page (issue 15): a link's parameters the page cannot use are
// named in a dismissible notice (never silently another view), in the page's language; a panel
// that fails to draw shows its error and a report to copy, and the other panels keep working.
import AxeBuilder from '@axe-core/playwright';
import { expect, openLab, playToEnd, stepNumber, test } from './fixtures';

test('a link with bad parameters opens the lab and says which it ignored', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=nope&step=abc&speed=99&filter=bad');
  const notice = page.getByTestId('url-notice');
  await expect(notice).toBeVisible();
  await expect(notice.locator('li[data-param="flow"]')).toHaveText('flow=nope is not valid; expected pod-a-to-pod-b, pod-a-ping-pod-b, pod-b-to-pod-a, custom.');
  await expect(notice.locator('li[data-param="step"]')).toContainText('step=abc');
  await expect(notice.locator('li[data-param="speed"]')).toHaveText('speed=99 is not valid; expected 0.5, 1, 2, 4.');
  await expect(notice.locator('li[data-param="filter"]')).toContainText('filter=bad');
  // the scenario's first flow is shown instead, and plays; the notice says so above it
  await expect(page.locator('[data-flow="pod-a-to-pod-b"]').first()).toHaveAttribute('aria-current', 'true');
  await playToEnd(page);
  await page.getByTestId('url-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
});

test('an unknown scenario, variant or custom flow is named; a good link shows no notice', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=nope');
  await expect(page.getByTestId('url-notice').locator('li[data-param="scenario"]')).toContainText('scenario=nope is not valid; expected');
  await openLab(page, '?scenario=host-gw&variant=nope');
  await expect(page.getByTestId('url-notice').locator('li[data-param="variant"]')).toHaveText(/^variant=nope is not valid; expected different-subnets/);
  await openLab(page, '?scenario=host-gw&flow=custom&from=host1/pod-a&to=10.0.0.999&proto=tcp');
  await expect(page.getByTestId('url-notice').locator('li[data-param="flow=custom"]')).toContainText('to=10.0.0.999');
  await openLab(page, '?scenario=host-gw&flow=pod-b-to-pod-a&step=3&speed=2');
  await expect(page.getByTestId('verdict')).toBeVisible();
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
});

test('the notice speaks Chinese on a Chinese page, and passes axe', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&lang=zh-CN&speed=99&theme=dark');
  await expect(page.getByTestId('url-notice')).toContainText('此链接中有部分参数被忽略');
  await expect(page.getByTestId('url-notice')).toContainText('speed=99 无效；应为 0.5, 1, 2, 4。');
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="url-notice"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('a panel that fails to draw shows its error and a report; the other panels keep working', async ({ page }) => {
  // the test hook makes the inspector throw while rendering (PanelBoundary.tsx)
  await page.addInitScript(() => {
    window.__podpathFailPanel = 'inspector';
  });
  const unexpected: string[] = [];
  page.on('pageerror', (e) => unexpected.push(e.message));
  page.on('console', (m) => {
    // React reports the caught error on the console; anything else is a problem
    if (m.type() === 'error' && !m.text().includes('the inspector panel was asked to fail')) unexpected.push(m.text());
  });
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
  const failure = page.getByTestId('panel-error-inspector');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('The inspector panel failed to draw. The rest of the page still works.');
  const report = await page.getByTestId('panel-report-inspector').inputValue();
  expect(report).toMatch(/^podpath \d+\.\d+\.\d+: the inspector panel failed/);
  expect(report).toContain('error: Error: test: the inspector panel was asked to fail');
  expect(report).toContain('scenario: scenarios/host-gw.yaml');
  expect(report).toContain('flow: pod-a-to-pod-b');
  expect(report).toContain('stack:');
  await expect(failure.getByRole('button', { name: 'Copy report' })).toBeVisible();
  // the canvas, playback, timeline and state panels still work
  await playToEnd(page);
  expect(await stepNumber(page)).toBeGreaterThan(5);
  await expect(page.getByTestId('packet-token')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('panel-error-canvas')).toHaveCount(0);
  await page.getByTestId('play').click();
  await expect.poll(() => stepNumber(page)).toBeGreaterThan(1);
  expect(unexpected).toEqual([]);
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="panel-error-inspector"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html.slice(0, 120)}`)), theme).toEqual([]);
  }
});
