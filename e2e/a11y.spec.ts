// Accessibility (issue 12, part 10): axe-core on each view of the lab — light and dark, English
// and Chinese, the catalogue open, the matrix, the Share menu open, an embed, and a dropping
// flow played to its end — finds no violation of impact serious or critical.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openLab, playToEnd, test } from './fixtures';

/** The serious and critical violations on the page as it is now, one line per node (rule, element, colours where it is contrast). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => {
        const colours = n.any[0]?.data as { fgColor?: string; bgColor?: string } | undefined;
        return `${v.id} (${v.impact}): ${n.html.slice(0, 160)}${colours?.fgColor ? ` — ${colours.fgColor} on ${colours.bgColor}` : ''}`;
      }),
    );
}

const labs = [
  { name: 'the lab, light, English', search: '?scenario=host-gw' },
  { name: 'the lab, dark, English', search: '?scenario=host-gw&theme=dark' },
  { name: 'the lab, light, Chinese', search: '?scenario=host-gw&lang=zh-CN' },
  { name: 'the lab, dark, Chinese', search: '?scenario=host-gw&lang=zh-CN&theme=dark' },
];

for (const { name, search } of labs) {
  test(`${name}: no serious violation`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, search);
    await expect(page.getByTestId('verdict')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const theme of ['light', 'dark']) {
  test(`the catalogue open, ${theme}: no serious violation`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, `?theme=${theme}`);
    await page.getByTestId('scenario-picker').click();
    await expect(page.getByTestId('catalogue').getByTestId('articles')).toHaveCount(14);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const theme of ['light', 'dark']) {
  test(`the matrix view, ${theme}: no serious violation`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, `?scenario=services-iptables&view=matrix&theme=${theme}`);
    await expect(page.getByTestId('matrix-table').locator('button[data-flow]')).toHaveCount(7);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the Share menu open: no serious violation', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&theme=dark');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('an embed: no serious violation', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&embed=1');
  await expect(page.getByTestId('verdict')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const theme of ['light', 'dark']) {
  test(`a dropping flow played to its end, ${theme}: no serious violation`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, `?scenario=host-gw&variant=no-route&theme=${theme}`);
    await playToEnd(page);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'dropped');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`the editor open on a lab with an error, ${theme}: no serious violation`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, `?scenario=host-gw&theme=${theme}`);
    await page.getByTestId('edit-toggle').click();
    await page.getByTestId('new-lab').click();
    await page.locator('.cm-line', { hasText: 'id: my-lab' }).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText('\nbogus: 1');
    await expect(page.getByTestId('editor-problems').locator('li')).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const theme of ['light', 'dark']) {
  test(`keyboard focus inside the canvas on a device, ${theme}: no serious violation`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, `?scenario=flannel-vxlan&flow=pod1-to-pod2&step=3&theme=${theme}`);
    await expect(page.getByTestId('verdict')).toBeVisible();
    const canvas = page.getByTestId('canvas-keys');
    await canvas.focus();
    await expect(canvas).toBeFocused();
    await page.keyboard.press('ArrowUp');
    const focused = page.locator('[data-kbd-focus="true"]');
    await expect(focused).toHaveCount(1);
    await expect(canvas).toHaveAttribute('aria-activedescendant', (await focused.getAttribute('id'))!);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
