// The catalogue as a learning path (issue 12, part 9): the page opens on the path's first lab,
// the picker lists tracks in order with levels and cites articles by title, in both
// languages; long variant names are shown whole, wrapped, in the header and above the matrix.
// (Track headings are read from the track sections: "My labs" has a heading of its own.)
import type { Locator } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

const TRACKS_EN = ['1. Basics', '2. Routing', '3. Services', '4. Overlays', '5. Cloud', '6. Multi-CNI'];

test('with no scenario in the link the page opens on the first lab of the path, and the catalogue reads as a course', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '');
  await expect(page.getByTestId('scenario-header').getByRole('heading', { level: 1 })).toHaveText(/^Pod to host/);
  await expect(page.getByTestId('scenario-articles')).toHaveText('From “Chapter 7: Kubernetes networking principles”: pod to host, host and pod reaching each other, pod to the internet');

  await page.getByTestId('scenario-picker').click();
  const catalogue = page.getByTestId('catalogue');
  await expect(catalogue.locator('section[data-track]').getByRole('heading', { level: 3 })).toHaveText(TRACKS_EN);
  const cards = catalogue.locator('[data-scenario]');
  await expect(cards).toHaveCount(15);
  await expect(cards.first()).toHaveAttribute('data-scenario', 'pod-host');
  await expect(cards.first()).toHaveAttribute('aria-current', 'true');
  await expect(cards.first().getByTestId('level')).toHaveText('Beginner');
  await expect(catalogue.locator('section[data-track="multi-cni"] [data-scenario]')).toHaveAttribute('data-scenario', 'calico-macvlan');
  // every card has loaded its articles, none of them by file name
  await expect(catalogue.getByTestId('articles')).toHaveCount(14);
  await expect(catalogue).not.toContainText('.txt');
  // the tag filter: one chip per meaning, grouped by kind
  const filter = page.getByTestId('tag-filter');
  await expect(filter.getByRole('group', { name: 'CNI' })).toBeVisible();
  await expect(filter.getByRole('button', { name: /network-?policy/i })).toHaveCount(1);
  await filter.getByRole('button', { name: '#NetworkPolicy' }).click();
  await expect(catalogue.locator('[data-scenario]')).toHaveCount(2);
  await expect(catalogue.locator('section[data-track]').getByRole('heading', { level: 3 })).toHaveText(['1. Basics', '3. Services']);
});

test('at 1366×768 the last lab of the path can be scrolled to inside the open catalogue', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await page.setViewportSize({ width: 1366, height: 768 });
  await openLab(page, '');
  await page.getByTestId('scenario-picker').click();
  // every card described, so none grows after the scroll
  await expect(page.getByTestId('catalogue').getByTestId('articles')).toHaveCount(14);
  const last = page.getByTestId('catalogue').locator('[data-scenario]').last();
  await expect(last).toHaveAttribute('data-scenario', 'calico-macvlan');
  await last.scrollIntoViewIfNeeded();
  const box = await last.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
  await last.click();
  await expect(page).toHaveURL(/scenario=calico-macvlan/);
});

test('in Chinese the tracks, levels, tags and articles are Chinese', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?lang=zh-CN');
  await page.getByTestId('scenario-picker').click();
  const catalogue = page.getByTestId('catalogue');
  await expect(catalogue.locator('section[data-track]').getByRole('heading', { level: 3 })).toHaveText(['1. 基础', '2. 路由', '3. 服务（Service）', '4. 隧道与覆盖网络', '5. 云上网络', '6. 多 CNI']);
  const first = catalogue.locator('[data-scenario]').first();
  await expect(first.getByTestId('level')).toHaveText('入门');
  await expect(first.getByTestId('articles')).toHaveText('出自 《第7章 kubernetes 网络原理》：pod连接主机、主机与pod相互访问、pod访问外网');
  await expect(page.getByTestId('tag-filter').getByRole('button', { name: '#跨主机' })).toBeVisible();
});

/** The element shows its whole text: nothing cut, no ellipsis. */
async function expectWhole(element: Locator, text: string): Promise<void> {
  await expect(element).toHaveText(text);
  const box = await element.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).textOverflow, height: el.getBoundingClientRect().height }));
  expect(box.overflow).not.toBe('ellipsis');
  expect(box.scroll).toBeLessThanOrEqual(box.client);
  return void box;
}

const LONG = "Spiderpool's source rule: the multi-NIC pod answers from its Calico address by eth0";

for (const width of [1440, 390]) {
  test(`a long variant name is shown whole, wrapped, at ${width} px`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await page.setViewportSize({ width, height: 900 });
    await openLab(page, '?scenario=calico-macvlan&variant=multi-nic-nodeport-fixed');
    const name = page.getByTestId('variant-name');
    await expectWhole(name, LONG);
    // at 390 px it cannot fit one line: it wraps instead of being cut
    if (width === 390) expect(await name.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(30);
    await expect(page.getByTestId('variant')).toHaveValue('multi-nic-nodeport-fixed');

    await page.getByRole('tab', { name: 'Matrix' }).click();
    await expectWhole(page.getByTestId('matrix-variants').locator('[data-variant="multi-nic-nodeport-fixed"]'), LONG);
  });
}
