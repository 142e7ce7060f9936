// The app shell (issue 12, part 4): from 1366×768 up the document never scrolls — also with a
// broken variant's explanation and its drop box at the end — and every column scrolls inside
// itself; the splitters resize the side columns by pointer and keyboard; at 800 and 390 px the
// regions stack without overlapping or overflowing sideways. And the skip link (part 10).
import type { Page } from '@playwright/test';
import { expect, openLab, playToEnd, scenarios, test, verdict } from './fixtures';

interface Case {
  readonly name: string;
  readonly search: string;
  readonly play: boolean;
}

const explainLength = (v: { explain?: unknown }) => JSON.stringify(v.explain ?? '').length;

/** The broken variants with the longest explanations (the most the header must hold), one per scenario, and the flow they drop. */
const broken: Case[] = scenarios
  .flatMap(({ param, file }) =>
    (file.variants ?? [])
      .map((v) => ({ v, flow: Object.entries(v.expect ?? {}).find(([, e]) => typeof e === 'object' && e !== null && 'dropped' in e)?.[0] }))
      .filter((x): x is { v: (typeof x)['v']; flow: string } => x.flow !== undefined)
      .sort((a, b) => explainLength(b.v as { explain?: unknown }) - explainLength(a.v as { explain?: unknown }))
      .slice(0, 1)
      .map(({ v, flow }) => ({ param, variant: v.id, flow, length: explainLength(v as { explain?: unknown }) })),
  )
  .sort((a, b) => b.length - a.length)
  .slice(0, 3)
  .map((c) => ({ name: `${c.param} ${c.variant} played to the end`, search: `?scenario=${c.param}&variant=${c.variant}&flow=${c.flow}`, play: true }));

const cases: Case[] = [
  { name: 'host-gw no-route played to the end', search: '?scenario=host-gw&variant=no-route&flow=pod-a-ping-pod-b', play: true },
  ...broken,
  { name: 'a delivered flow at its first step', search: '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=1', play: false },
  { name: 'the matrix view', search: '?scenario=host-gw&view=matrix', play: false },
];

const desktops = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not rendered`);
  return b;
}

const inside = (b: Box, w: number, h: number) => b.x >= 0 && b.y >= 0 && b.x + b.width <= w + 0.5 && b.y + b.height <= h + 0.5;

for (const size of desktops) {
  test.describe(`${size.width}×${size.height}: an app shell`, () => {
    test.use({ viewport: size });
    for (const c of cases) {
      test(`the document does not scroll: ${c.name}`, async ({ page, consoleProblems }) => {
        void consoleProblems;
        await openLab(page, c.search);
        if (c.play) {
          await verdict(page);
          await playToEnd(page);
          await expect(page.getByTestId('drop').first()).toBeVisible();
        }
        const doc = await page.evaluate(() => ({ height: document.scrollingElement!.scrollHeight, width: document.scrollingElement!.scrollWidth }));
        expect(doc.height, 'document height').toBeLessThanOrEqual(size.height);
        expect(doc.width, 'document width').toBeLessThanOrEqual(size.width);
        // header and the three columns are whole on screen; what does not fit scrolls inside them
        for (const region of ['body > div header', 'aside#flows-column', 'main', 'aside#details-column']) {
          expect(inside(await box(page, region), size.width, size.height), `${region} on screen`).toBe(true);
        }
        if (!c.search.includes('view=matrix')) {
          // the middle column's parts are stacked, none slides under another
          const parts = ['[data-testid="scenario-region"]', '[data-testid="trace-summary"]', '[data-testid="canvas"]', '[data-testid="playback"]', '[data-testid="timeline"]'];
          const boxes = await Promise.all(parts.map((p) => box(page, p)));
          for (let i = 1; i < boxes.length; i++) expect(boxes[i].y, `${parts[i]} below ${parts[i - 1]}`).toBeGreaterThanOrEqual(boxes[i - 1].y + boxes[i - 1].height - 0.5);
          expect(inside(await box(page, '[data-testid="canvas"]'), size.width, size.height)).toBe(true);
          expect((await box(page, '[data-testid="canvas"]')).height, 'the canvas keeps its room').toBeGreaterThanOrEqual(190);
          expect(inside(await box(page, '[data-testid="playback"]'), size.width, size.height)).toBe(true);
        }
        // the inspector can be scrolled to its end inside its column
        const details = page.locator('aside#details-column');
        await details.evaluate((el) => el.scrollTo(0, el.scrollHeight));
        const column = await box(page, 'aside#details-column');
        const inspector = await box(page, '[data-testid="inspector"]');
        expect(inspector.y + inspector.height).toBeLessThanOrEqual(column.y + column.height + 0.5);
      });
    }
  });
}

test.describe('splitters', () => {
  test('dragging and the keyboard change the columns, and the sizes are remembered', async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
    await verdict(page);
    const flows = page.locator('aside#flows-column');
    const details = page.locator('aside#details-column');
    const left = page.getByTestId('splitter-left');
    const right = page.getByTestId('splitter-right');
    const width = async (l: typeof flows) => (await l.boundingBox())!.width;

    // pointer: drag the left splitter 80 px right
    const before = await width(flows);
    const handle = (await left.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 40, handle.y + 200, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + 200, { steps: 4 });
    await page.mouse.up();
    expect(await width(flows)).toBeCloseTo(before + 80, -1);
    await expect(left).toHaveAttribute('aria-valuenow', String(Math.round(await width(flows))));

    // keyboard: → narrows the inspector column, Shift+← widens it, and the playback does not step
    const step = await page.getByTestId('step-counter').textContent();
    const detailsBefore = await width(details);
    await right.focus();
    await page.keyboard.press('ArrowRight');
    expect(await width(details)).toBe(detailsBefore - 16);
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await width(details)).toBe(detailsBefore + 48);
    await expect(right).toHaveAttribute('aria-valuenow', String(detailsBefore + 48));
    await expect(page.getByTestId('step-counter')).toHaveText(step ?? '');
    await page.keyboard.press('Home');
    await expect(right).toHaveAttribute('aria-valuenow', (await right.getAttribute('aria-valuemin')) ?? '');

    // remembered across a reload
    const saved = { flows: await width(flows), details: await width(details) };
    await page.reload();
    await verdict(page);
    expect(await width(flows)).toBe(saved.flows);
    expect(await width(details)).toBe(saved.details);
  });
});

const narrow = [
  { width: 800, height: 1000 },
  { width: 390, height: 844 },
];

for (const size of narrow) {
  test.describe(`${size.width} px wide: stacked`, () => {
    test.use({ viewport: size });
    test('the regions do not overlap and nothing overflows sideways', async ({ page, consoleProblems }, info) => {
      void consoleProblems;
      await openLab(page, '?scenario=host-gw&variant=no-route&flow=pod-a-ping-pod-b');
      await verdict(page);
      await playToEnd(page);
      await page.screenshot({ path: info.outputPath(`shell-${size.width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - innerWidth);
      expect(overflow, 'sideways overflow').toBeLessThanOrEqual(0);
      const regions = ['body > div header', '[data-testid="scenario-region"]', '[data-testid="trace-summary"]', '[data-testid="canvas"]', '[data-testid="playback"]', '[data-testid="timeline"]', 'aside#flows-column', 'aside#details-column'];
      const boxes = await Promise.all(regions.map((r) => box(page, r)));
      for (let i = 0; i < boxes.length; i++) {
        expect(boxes[i].x + boxes[i].width, `${regions[i]} fits the width`).toBeLessThanOrEqual(size.width + 0.5);
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
          expect(overlap, `${regions[i]} overlaps ${regions[j]}`).toBe(false);
        }
      }
      // the header's controls stay whole on screen, and so does the Share dialog with its embed builder
      for (const id of ['share', 'theme-toggle', 'scenario-picker']) {
        const b = await box(page, `[data-testid="${id}"]`);
        expect(b.x >= 0 && b.x + b.width <= size.width + 0.5, `${id} on screen`).toBe(true);
      }
      await page.getByTestId('share').click();
      for (const part of ['[role="dialog"]', '[data-testid="embed-filter"]', '[data-testid="embed-preview"]']) {
        const b = await box(page, part);
        expect(b.x >= 0 && b.x + b.width <= size.width + 0.5, `${part} fits the width`).toBe(true);
      }
    });
  });
}

test.describe('skip link and focus', () => {
  test('the first Tab reaches "Skip to playback", which moves focus to the playback controls', async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
    await verdict(page);
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('play')).toBeFocused();
    // and Space there plays
    await page.keyboard.press(' ');
    await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'playing');
  });

  test('every control shows a focus ring when reached by the keyboard', async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
    await verdict(page);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
        return { name: `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30)}]`, ring };
      });
      if (!focus) continue;
      seen.add(focus.name);
      expect(focus.ring, `${focus.name} shows focus`).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(20);
  });
});
