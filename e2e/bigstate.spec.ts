// A node the size of a real one (issue 14): a kube-proxy ruleset of ~88,000 iptables-save lines
// opened in the page. The iptables panel draws only the lines in view (virtualised), scrolls to
// its last line, and still marks the rule the current step matched. Speed is the benchmark's
// job (bench/uiBigState.ts); this checks the behaviour.
import { bigKubeProxyLab } from '../bench/bigLab';
import { expect, openLab, test, verdict } from './fixtures';

test('an 88,000-line iptables-save draws only the lines in view, scrolls to its end and keeps the matched rule marked', async ({ page, consoleProblems }) => {
  void consoleProblems;
  test.setTimeout(120_000);
  const yaml = bigKubeProxyLab(8000);
  await page.route('https://labs.example/big.yaml', (route) => route.fulfill({ status: 200, contentType: 'text/yaml', body: yaml }));
  await openLab(page, `?src=${encodeURIComponent('https://labs.example/big.yaml')}`);
  const panels = page.getByTestId('state-panels');
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
  await panels.getByTestId('namespace-picker').selectOption({ label: 'host' });
  await panels.getByRole('tab', { name: /iptables/ }).click();
  const box = panels.locator('[data-panel="iptables"] pre');
  await expect(box).toHaveAttribute('data-virtual', 'true');
  const count = Number(await box.getAttribute('data-lines'));
  expect(count).toBeGreaterThan(85_000);
  // only a window of lines is in the document, not all of them
  expect(await box.locator('[data-line]').count()).toBeLessThan(80);
  // the scroll height is every line's
  const height = await box.evaluate((el) => el.scrollHeight);
  expect(height).toBeGreaterThan(count * 19);
  await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(box.locator(`[data-line="${count - 1}"]`)).toHaveText('COMMIT');
  await expect(box.locator('[data-line]').first()).not.toHaveAttribute('data-line', '0');

  // the chain walk just before the destination is rewritten (KUBE-SERVICES → KUBE-SVC-… →
  // KUBE-SEP-…: DNAT): its deciding rule, far down the list, is drawn, marked and in view
  await page.getByTestId('next-rewrite').click();
  await page.getByTestId('step-back').click();
  await panels.getByRole('tab', { name: /iptables/ }).click();
  const hit = box.locator('[data-highlight="true"]').first();
  await expect(hit).toBeInViewport();
  await expect(hit).toContainText('-j DNAT');
  expect(Number(await hit.getAttribute('data-line'))).toBeGreaterThan(1000);
});

test('the flow builder offers the Services the lab names and traces one picked by name', async ({ page, consoleProblems }) => {
  void consoleProblems;
  test.setTimeout(120_000);
  for (const [query, name, url] of [
    ['?scenario=services-kube-proxy', /^default\/web:http — 10\.96\.0\.100:80\/tcp$/, /to=10\.96\.0\.100%3A80&proto=tcp/],
    [`?src=${encodeURIComponent('https://labs.example/big.yaml')}`, /^default\/s7999 — 10\.97\.31\.63:80\/tcp$/, /to=10\.97\.31\.63%3A80&proto=tcp/],
  ] as const) {
    await page.route('https://labs.example/big.yaml', (route) => route.fulfill({ status: 200, contentType: 'text/yaml', body: bigKubeProxyLab(8000) }));
    await openLab(page, query);
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
    const builder = page.getByTestId('flow-builder');
    await builder.locator('summary').click();
    const pick = builder.getByTestId('builder-service');
    const option = pick.locator('option').filter({ hasText: name });
    await expect(option).toHaveCount(1);
    await pick.selectOption({ label: (await option.textContent())! });
    await expect(page).toHaveURL(url);
    expect(await verdict(page)).toBe('delivered');
  }
});
