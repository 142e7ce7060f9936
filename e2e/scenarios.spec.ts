// Every bundled scenario: load it, play its first flow to the end, check the verdict against
// the scenario's own expectation, and keep a screenshot of the finished view as an artifact.
import { expect, openLab, playToEnd, scenarios, test, verdict } from './fixtures';

for (const { param, file } of scenarios) {
  const first = file.flows[0];
  test(`${param}: the first flow plays to the end with the expected verdict`, async ({ page, consoleProblems }, info) => {
    void consoleProblems;
    await openLab(page, `?scenario=${param}`);
    await expect(page.locator(`[data-flow="${first.id}"]`)).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('[data-device]').first()).toBeVisible();
    const expected = first.expect === 'delivered' ? 'delivered' : first.expect ? 'dropped' : undefined;
    const shown = await verdict(page);
    if (expected) expect(shown).toBe(expected);
    await playToEnd(page);
    await expect(page.getByTestId('packet-token')).toBeVisible();
    if (shown === 'dropped') {
      const reason = (first.expect as { dropped: string }).dropped;
      await expect(page.getByTestId('drop-reason').first()).toHaveText(reason);
    }
    await page.screenshot({ path: info.outputPath(`${param}.png`) });
    await page.screenshot({ path: `test-results/screenshots/${param}.png` });
  });
}
