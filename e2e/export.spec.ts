// Step pictures (issue 13, item 5): "Export image" downloads the whole diagram at the step shown,
// with the packet token and a caption strip, as a PNG and as an SVG, in the page's theme and
// without the canvas's controls; the Share dialog's embed snippet carries a picture fallback
// whose file the author downloads next to it.
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, openLab, stepNumber, test, verdict } from './fixtures';

const LAB = { scenario: 'host-gw', variant: 'no-route', flow: 'pod-a-ping-pod-b' };
const search = `?scenario=${LAB.scenario}&variant=${LAB.variant}&flow=${LAB.flow}`;
const fileName = (step: number, ext: string) => `${LAB.scenario}-${LAB.variant}-${LAB.flow}-step-${step}.${ext}`;

/** A PNG's width and height from its IHDR chunk (right after the 8-byte signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)], 'the PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes the PNG in the page: how many distinct colours, the corner pixel, and how many pixels are near `rgb`. */
async function pixels(page: Page, bytes: Buffer, rgb: readonly number[]) {
  return page.evaluate(
    async ({ base64, rgb }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const colours = new Set<number>();
      let near = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) near++;
      }
      return { colours: colours.size, corner: [data[0], data[1], data[2]], near };
    },
    { base64: bytes.toString('base64'), rgb },
  );
}

/** The packet token's fill as [r, g, b] (the page's computed colour, converted through a canvas). */
async function tokenColour(page: Page): Promise<number[]> {
  return page.getByTestId('packet-token').locator('span').first().evaluate((el) => {
    const context = document.createElement('canvas').getContext('2d')!;
    context.fillStyle = getComputedStyle(el).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  });
}

async function exportAs(page: Page, format: 'png' | 'svg'): Promise<Download> {
  await page.getByTestId('export-image').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
  return download;
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

/** Plays a few steps, then lets the export pause playback. */
async function playAFewSteps(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect.poll(() => stepNumber(page)).toBeGreaterThanOrEqual(3);
}

test('PNG: the whole diagram at the step shown, token and caption, with a sane size and real colours', async ({ page, consoleProblems }, info) => {
  void consoleProblems;
  await openLab(page, search);
  await verdict(page);
  await playAFewSteps(page);
  const download = await exportAs(page, 'png');
  // the export paused playback at the step it drew
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'paused');
  const step = await stepNumber(page);
  expect(download.suggestedFilename()).toBe(fileName(step, 'png'));

  await download.saveAs(info.outputPath(download.suggestedFilename()));
  const bytes = await bytesOf(download);
  const size = pngSize(bytes);
  expect(size.width).toBeGreaterThanOrEqual(600);
  expect(size.height).toBeGreaterThanOrEqual(300);
  const seen = await pixels(page, bytes, await tokenColour(page));
  expect(seen.colours, 'not a blank picture').toBeGreaterThan(50);
  expect(seen.corner, 'the light theme\'s white background').toEqual([255, 255, 255]);
  expect(seen.near, 'the packet token\'s colour').toBeGreaterThan(100);
});

test('SVG: parses as SVG, holds the device names and the step caption in the page\'s fonts, and no canvas controls', async ({ page, consoleProblems }, info) => {
  void consoleProblems;
  await openLab(page, search);
  await verdict(page);
  await playAFewSteps(page);
  const download = await exportAs(page, 'svg');
  const step = await stepNumber(page);
  expect(download.suggestedFilename()).toBe(fileName(step, 'svg'));
  const summary = (await page.getByTestId('step-summary').textContent())!.trim();
  const devices = await page.locator('.react-flow__node-device').allTextContents();
  expect(devices.length).toBeGreaterThan(2);
  const nodes = await page.locator('.react-flow__node').count();
  const pageFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  const edge = page.locator('.react-flow__edge').first();
  const edgeId = (await edge.getAttribute('data-id'))!;
  const edgeStroke = await edge.locator('path.react-flow__edge-path').first().evaluate((el) => getComputedStyle(el).stroke);

  await download.saveAs(info.outputPath(download.suggestedFilename()));
  const text = (await bytesOf(download)).toString('utf8');
  const parsed = await page.evaluate(({ svg, edgeId }) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const edgePath = doc.querySelector(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`) as SVGElement | null;
    const token = doc.querySelector('[data-testid="packet-token"] span') as HTMLElement | null;
    return {
      root: doc.documentElement.nodeName,
      error: doc.querySelector('parsererror')?.textContent ?? null,
      text: doc.documentElement.textContent ?? '',
      captions: [...doc.querySelectorAll('svg > text')].map((t) => t.textContent).join(' '),
      nodes: doc.querySelectorAll('.react-flow__node').length,
      tokenFont: token?.style.fontFamily ?? '',
      captionFont: doc.querySelector('svg > text')?.getAttribute('font-family') ?? '',
      edgeStroke: edgePath?.style.stroke ?? '',
      chrome: doc.querySelectorAll('.react-flow__controls, .react-flow__minimap, .react-flow__attribution, .react-flow__panel, [data-testid="export-image"]').length,
    };
  }, { svg: text, edgeId });
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  for (const device of devices) expect(parsed.text).toContain(device.trim());
  expect(parsed.nodes, 'every node, not only those in view').toBe(nodes);
  expect(parsed.captions).toContain(`Step ${step} of`);
  expect(parsed.captions.replace(/\s+/g, ' ')).toContain(summary.split(/\s+/).slice(0, 4).join(' '));
  expect(parsed.tokenFont, 'the token keeps its monospace font').toMatch(/mono/i);
  expect(parsed.captionFont, 'the caption in the page\'s font').toBe(pageFont);
  expect(parsed.edgeStroke, 'the links keep their colour').toBe(edgeStroke);
  expect(edgeStroke).not.toBe('none');
  expect(parsed.chrome).toBe(0);
});

test('the picture follows the theme, and at the end its caption gives the drop', async ({ page, consoleProblems }, info) => {
  void consoleProblems;
  await openLab(page, `${search}&theme=dark`);
  await verdict(page);
  await page.keyboard.press('End');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'finished');
  const download = await exportAs(page, 'png');
  await download.saveAs(info.outputPath(`dark-${download.suggestedFilename()}`));
  const png = await bytesOf(download);
  expect((await pixels(page, png, [0, 0, 0])).corner, 'slate-900, the dark canvas').toEqual([15, 23, 42]);
  const svg = (await bytesOf(await exportAs(page, 'svg'))).toString('utf8');
  expect(svg).toMatch(/<text [^>]*>Dropped: [A-Z_]+ at /);
});

test('the Share dialog\'s snippet falls back to a picture the author downloads next to it', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, `${search}&step=4`);
  await verdict(page);
  await page.getByTestId('share').click();
  const snippet = page.getByTestId('share-iframe');
  const [iframe, fallback] = (await snippet.inputValue()).split('\n');
  expect(iframe).toMatch(/^<iframe src="[^"]*embed=1"[^>]*><\/iframe>$/);
  expect(fallback).toMatch(new RegExp(`^<noscript><a href="[^"]*"><img src="${fileName(4, 'png')}" alt="[^"]+"[^>]*></a></noscript>$`));
  const link = new URL(/href="([^"]*)"/.exec(fallback)![1].replace(/&amp;/g, '&'));
  expect(link.searchParams.get('embed'), 'the picture links the full lab').toBeNull();
  expect(link.searchParams.get('flow')).toBe(LAB.flow);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('embed-image-download').click()]);
  expect(download.suggestedFilename()).toBe(fileName(4, 'png'));
  expect(pngSize(await bytesOf(download)).width).toBeGreaterThanOrEqual(600);

  await page.getByTestId('embed-imageFallback').uncheck();
  await expect(snippet).not.toHaveValue(/noscript/);
  await expect(page.getByTestId('embed-image-download')).toHaveCount(0);

  // the picture is drawn from the canvas: on the Matrix tab there is none to draw
  await page.keyboard.press('Escape');
  await page.getByTestId('view-tabs').getByRole('tab').nth(1).click();
  await page.getByTestId('share').click();
  await page.getByTestId('embed-imageFallback').check();
  await expect(page.getByTestId('embed-image-download')).toBeDisabled();
});

test('the picture fits the whole diagram whatever the pane shows: zooming in changes nothing', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, `${search}&step=2`);
  await verdict(page);
  const frame = async () => {
    const svg = (await bytesOf(await exportAs(page, 'svg'))).toString('utf8');
    // the outer size, and the viewport transform html-to-image drew the diagram with
    return [/^<svg [^>]*>/.exec(svg)![0], /class="react-flow__viewport[^"]*" style="(?:[^"]*; )?transform: ([^;"]*)/.exec(svg)?.[1]];
  };
  const before = await frame();
  expect(before[1]).toMatch(/translate\(.*\) scale\(.*\)|matrix\(/);
  const paneBefore = await page.locator('.react-flow__viewport').evaluate((el) => el.style.transform);
  for (let i = 0; i < 3; i++) await page.locator('.react-flow__controls-zoomin').click();
  await expect.poll(() => page.locator('.react-flow__viewport').evaluate((el) => el.style.transform)).not.toBe(paneBefore);
  expect(await frame()).toEqual(before);
});
