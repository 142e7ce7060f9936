// Embeds for docs (issue 12, part 8): the embed's URL options (autoplay, loop, speed, caption),
// a layout that holds down to 480×320 (a one-line verdict, the diagram keeping most of the
// height), a caption with the step's explanation and at the end the flow's drop and fix, a
// themed attribution, and the Share dialog's embed builder with its live preview.
import type { Page } from '@playwright/test';
import { expect, openLab, scenarios, test, verdict } from './fixtures';

const FLOW = { scenario: 'host-gw', variant: 'no-route', flow: 'pod-a-ping-pod-b' };
const dropping = `?scenario=${FLOW.scenario}&variant=${FLOW.variant}&flow=${FLOW.flow}`;
/** The reason the scenario's author expects the flow to die of, read from its YAML. */
const expectedReason = (() => {
  const variant = scenarios.find((s) => s.param === FLOW.scenario)!.file.variants!.find((v) => v.id === FLOW.variant)!;
  return (variant.expect![FLOW.flow] as { dropped: string }).dropped;
})();

async function layout(page: Page) {
  const h = (id: string) => page.getByTestId(id).boundingBox().then((b) => b!);
  const verdictBox = await h('verdict');
  const lineHeight = await page.getByTestId('verdict').evaluate((el) => parseFloat(getComputedStyle(el.firstElementChild ?? el).lineHeight) || 16);
  return { verdict: verdictBox, lineHeight, canvas: await h('canvas'), bar: await h('embed-bar'), playback: await h('playback') };
}

for (const size of [
  { width: 640, height: 400 },
  { width: 480, height: 320 },
]) {
  test.describe(`a ${size.width}×${size.height} embed`, () => {
    test.use({ viewport: size });
    test('keeps the verdict on a line, gives the diagram most of the height, and captions the step and at the end the drop', async ({ page, consoleProblems }, info) => {
      void consoleProblems;
      await openLab(page, `${dropping}&embed=1&caption=1&step=3`);
      expect(await verdict(page)).toBe('dropped');
      const caption = page.getByTestId('embed-caption');
      await expect(caption).toContainText(/\S{3,}/);
      await expect(caption).toContainText('3 /');

      await page.keyboard.press('End');
      await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'finished');
      await expect(page.getByTestId('embed-caption-drop')).toContainText(expectedReason);
      await expect(page.getByTestId('embed-caption-drop')).toContainText(/Fix:/);
      await page.screenshot({ path: info.outputPath(`embed-${size.width}x${size.height}.png`) });

      const l = await layout(page);
      expect(l.verdict.height, 'the verdict takes one line, two at most').toBeLessThanOrEqual(2 * Math.max(l.lineHeight, 20));
      expect(l.canvas.height / size.height, 'the diagram keeps most of the height').toBeGreaterThanOrEqual(0.55);
      for (const b of [l.bar, l.canvas, l.playback, l.verdict]) expect(b.y + b.height).toBeLessThanOrEqual(size.height + 0.5);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth && document.scrollingElement!.scrollHeight <= innerHeight)).toBe(true);
    });
  });
}

test('the caption says what the inspector says for the same step', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, `${dropping}&step=5`);
  const summary = (await page.getByTestId('step-summary').textContent())!.trim();
  expect(summary.length).toBeGreaterThan(5);
  await openLab(page, `${dropping}&step=5&embed=1&caption=1`);
  await expect(page.getByTestId('embed-caption')).toContainText(summary);
  // no caption unless asked for
  await openLab(page, `${dropping}&step=5&embed=1`);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('embed-caption')).toHaveCount(0);
});

/** A colour's relative luminance (0 black … 1 white), from `rgb(…)`/`rgba(…)`. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['255', '255', '255']).slice(0, 3).map((n) => Number(n) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test('the attribution and the link box follow the theme', async ({ page, consoleProblems }) => {
  void consoleProblems;
  const backgrounds = async () => ({
    link: luminance(await page.getByTestId('embed-link').evaluate((el) => getComputedStyle(el).backgroundColor)),
    attribution: luminance(await page.locator('.react-flow__attribution').evaluate((el) => getComputedStyle(el).backgroundColor)),
  });
  await page.setViewportSize({ width: 640, height: 400 });
  await openLab(page, `${dropping}&embed=1&theme=dark`);
  await verdict(page);
  const dark = await backgrounds();
  expect(dark.link).toBeLessThan(0.3);
  expect(dark.attribution).toBeLessThan(0.3);
  await openLab(page, `${dropping}&embed=1`);
  await verdict(page);
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  const light = await backgrounds();
  expect(light.link).toBeGreaterThan(0.7);
  expect(light.attribution).toBeGreaterThan(0.7);
});

test('autoplay plays to the end at the link\'s speed, and loop starts again', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, `${dropping}&embed=1&autoplay=1&speed=4&loop=1`);
  const bar = page.getByTestId('playback');
  await expect(bar).toHaveAttribute('data-status', 'playing');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('4');
  await expect(bar).toHaveAttribute('data-status', 'finished', { timeout: 40_000 });
  await expect(bar).toHaveAttribute('data-status', 'playing', { timeout: 10_000 });
  // the options stay in the URL (a reload keeps them)
  const params = new URL(page.url()).searchParams;
  expect([params.get('autoplay'), params.get('loop'), params.get('speed')]).toEqual(['1', '1', '4']);
});

test('without autoplay an embed waits at its step', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, `${dropping}&embed=1&step=2`);
  await verdict(page);
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'paused');
});

test('the Share dialog builds the snippet from the chosen options, with a live preview', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, `${dropping}&step=4`);
  await verdict(page);
  await page.getByTestId('share').click();
  const snippet = page.getByTestId('share-iframe');
  await expect(snippet).toHaveValue(/<iframe src="[^"]*caption=1&amp;embed=1" [^>]*width="960" height="600"/);

  await page.getByTestId('embed-autoplay').check();
  await page.getByTestId('embed-loop').check();
  await page.getByTestId('embed-camera').check();
  await page.getByTestId('embed-caption').uncheck();
  await page.getByTestId('embed-keepStep').uncheck();
  await page.getByTestId('embed-speed').selectOption('2');
  await page.getByTestId('embed-filter').selectOption('hops');
  await page.getByTestId('embed-width').fill('640');
  await page.getByTestId('embed-height').fill('400');

  const value = await snippet.inputValue();
  const src = new URL(/src="([^"]*)"/.exec(value)![1].replace(/&amp;/g, '&'));
  expect(Object.fromEntries(src.searchParams)).toEqual({
    scenario: FLOW.scenario, variant: FLOW.variant, flow: FLOW.flow,
    autoplay: '1', loop: '1', camera: '1', speed: '2', filter: 'hops', embed: '1',
  });
  expect(value).toMatch(/width="640" height="400"/);

  const preview = page.getByTestId('embed-preview');
  expect(new URL((await preview.getAttribute('src'))!).search).toBe(src.search);
  await expect(preview).toHaveAttribute('width', '640');
  const frame = page.frameLocator('[data-testid="embed-preview"]');
  await expect(frame.getByTestId('embed-bar')).toBeVisible();
  await expect(frame.getByTestId('playback')).toHaveAttribute('data-status', /playing|finished/);
});
