// The canvas as a reader meets it: text readable at the default zoom, the camera following
// the packet, a click or the keyboard opening a device's state panels.
import type { Page } from '@playwright/test';
import { expect, openLab, scenarios, stepNumber, test, verdict } from './fixtures';

interface Measured {
  readonly kind: 'name' | 'address';
  readonly text: string;
  readonly px: number;
}

/** Every visible device name and address: its computed font size × the viewport's zoom. */
async function effectiveSizes(page: Page): Promise<Measured[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : NaN;
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const out: { kind: 'name' | 'address'; text: string; px: number }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-device-name], [data-device-address]')) {
      const r = el.getBoundingClientRect();
      const visible = r.width > 0 && r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
      if (!visible) continue;
      out.push({ kind: el.hasAttribute('data-device-name') ? 'name' : 'address', text: el.textContent ?? '', px: parseFloat(getComputedStyle(el).fontSize) * zoom });
    }
    return out;
  });
}

/** Machines and networks drawn (partly) outside the canvas pane. */
async function outsidePane(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-machine], [data-network]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < pane.left - 1 || r.top < pane.top - 1 || r.right > pane.right + 1 || r.bottom > pane.bottom + 1;
      })
      .map((el) => el.dataset.machine ?? el.dataset.network ?? '?');
  });
}

/** The labs the guarantee covers: every shipped scenario of up to four machines, from its file. */
const SMALL_LABS = scenarios.filter((s) => (s.file.machines?.length ?? 0) <= 4);

// Every flow's default view (before the first step, the canvas fitted to the folded lab): one
// test per scenario, switching flows by their cards so the page loads once.
for (const { param, file } of SMALL_LABS) {
  test(`${param}: device names ≥ 11 px and addresses ≥ 10 px at the default zoom of every flow, 1440×900`, async ({ page, consoleProblems }, info) => {
    void consoleProblems;
    test.setTimeout(30_000 + file.flows.length * 4_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await openLab(page, `?scenario=${param}&flow=${file.flows[0].id}`);
    for (const [i, flow] of file.flows.entries()) {
      if (i > 0) await page.locator(`[data-flow="${flow.id}"]`).click();
      await expect(page.locator(`[data-flow="${flow.id}"]`)).toHaveAttribute('aria-current', 'true');
      await verdict(page);
      await expect(page.locator('[data-device-name]').first()).toBeVisible();
      await settled(page); // fitView done
      const sizes = await effectiveSizes(page);
      info.annotations.push({ type: `sizes ${flow.id}`, description: JSON.stringify(sizes.map((s) => `${s.kind}:${s.text}:${s.px.toFixed(1)}`)) });
      if (i === 0) await page.screenshot({ path: `test-results/screenshots/canvas-${param}.png` });
      expect(sizes.filter((s) => s.kind === 'name').length, flow.id).toBeGreaterThan(1);
      // Readable because the lab fits, not because the view was cropped: every machine and network is in the pane.
      expect(await outsidePane(page), flow.id).toEqual([]);
      for (const s of sizes) expect.soft(s.px, `${flow.id}: ${s.kind} ${s.text}`).toBeGreaterThanOrEqual(s.kind === 'name' ? 11 : 10);
    }
  });
}

test('a click on a device or a namespace opens its state panels; a folded box unfolds', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2');
  await verdict(page);
  const panels = page.getByTestId('state-panels');
  await expect(panels).toHaveAttribute('data-namespace', 'node1/pod1');

  await page.locator('[data-device="node3|pod2|eth0"]').click();
  await expect(panels).toHaveAttribute('data-namespace', 'node3/pod2');
  await expect(panels.getByTestId('namespace-picker')).toHaveValue('node3\u0000pod2');

  await page.locator('[data-netns="node1|"]').getByText('root netns').click();
  await expect(panels).toHaveAttribute('data-namespace', 'node1');

  // pod3 only sees a flooded ARP request: folded to a chip until clicked
  await expect(page.locator('[data-device="node1|pod3|eth0"]')).toHaveCount(0);
  await page.locator('[data-netns="node1|pod3"][data-collapsed="true"]').click();
  await expect(page.locator('[data-device="node1|pod3|eth0"]')).toBeVisible();
  await expect(panels).toHaveAttribute('data-namespace', 'node1/pod3');

  // node2 is not on the path at all: a title box until clicked
  await page.locator('[data-machine="node2"][data-collapsed="true"]').click();
  await expect(page.locator('[data-device="node2||eth0"]')).toBeVisible();
  await expect(panels).toHaveAttribute('data-namespace', 'node2');
});

/** The viewport's transform on every animation frame for `ms` (distinct values, in order). */
async function sampleTransforms(page: Page, ms: number): Promise<string[]> {
  return page.evaluate(
    (ms) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const start = performance.now();
        const frame = () => {
          const t = document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
          if (seen[seen.length - 1] !== t) seen.push(t);
          if (performance.now() - start < ms) requestAnimationFrame(frame);
          else resolve(seen);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

/** How far (px) the centre of the node the token is on lies from the centre of the pane. */
async function tokenOffCentre(page: Page): Promise<number> {
  const at = await page.getByTestId('packet-token').getAttribute('data-at');
  const node = await page.locator(`.react-flow__node[data-id="${at}"]`).boundingBox();
  const pane = await page.locator('.react-flow').boundingBox();
  return Math.hypot(node!.x + node!.width / 2 - (pane!.x + pane!.width / 2), node!.y + node!.height / 2 - (pane!.y + pane!.height / 2));
}

/** Waits until the viewport stops moving. */
async function settled(page: Page): Promise<void> {
  await expect.poll(async () => (await sampleTransforms(page, 150)).length).toBe(1);
}

test('camera mode glides to the hop device with each step, and the toggle turns it off', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=4&camera=1');
  await verdict(page);
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('aria-pressed', 'true');
  await settled(page);
  const before = await page.getByTestId('packet-token').getAttribute('data-at');
  expect(await tokenOffCentre(page)).toBeLessThan(3);

  const sampling = sampleTransforms(page, 900);
  await page.keyboard.press('ArrowRight');
  const frames = await sampling;
  await expect(page.getByTestId('packet-token')).not.toHaveAttribute('data-at', before!);
  expect(frames.length, 'the view moves over several frames: start, end and views between').toBeGreaterThan(2);
  await settled(page);
  expect(await tokenOffCentre(page)).toBeLessThan(3);

  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => new URL(page.url()).searchParams.get('camera')).toBeNull();
});

test.describe('under reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the camera jumps to the hop without animating', async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=4&camera=1');
    await verdict(page);
    await settled(page);
    const start = await sampleTransforms(page, 50);
    const sampling = sampleTransforms(page, 700);
    await page.keyboard.press('ArrowRight');
    const frames = await sampling;
    expect(frames.length, 'one jump at most').toBeLessThanOrEqual(2);
    expect(frames[frames.length - 1]).not.toBe(start[0]);
    expect(await tokenOffCentre(page)).toBeLessThan(3);
  });
});

test('the canvas is one tab stop: arrows move between devices, Enter opens one, Escape leaves', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b&step=1');
  await verdict(page);
  await expect(page.locator('.react-flow__node[tabindex]')).toHaveCount(0);
  const canvas = page.getByTestId('canvas-keys');

  // Tab from the view tabs until the canvas has the focus.
  await page.getByRole('tab', { name: 'Topology' }).focus();
  for (let i = 0; i < 30 && !(await canvas.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(canvas).toBeFocused();

  // The focus starts on the token's device (pod-a's eth0) and is announced.
  const focused = page.locator('[data-kbd-focus="true"]');
  await expect(focused).toHaveAttribute('data-device', 'host1|pod-a|eth0');
  await expect(canvas).toHaveAttribute('aria-activedescendant', (await focused.getAttribute('id'))!);
  await expect(page.getByTestId('canvas-announce')).toContainText('eth0, 192.168.10.10/24, in host1/pod-a');

  // pod-a is drawn above the root namespace of host1 (the network is above the hosts): up leads to veth-pod-a.
  const start = await focused.getAttribute('data-device');
  await page.keyboard.press('ArrowUp');
  await expect(focused).not.toHaveAttribute('data-device', start!);
  await expect(focused).toHaveAttribute('data-device', 'host1||veth-pod-a');
  await expect.poll(() => new URL(page.url()).searchParams.get('step'), 'the arrows do not step the playback').toBe('1');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('data-device', 'host2||veth-pod-b');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('state-panels')).toHaveAttribute('data-namespace', 'host2');

  await page.keyboard.press('Escape');
  await expect(canvas).not.toBeFocused();
  await expect(focused).toHaveCount(0);
});

/** The token's place on screen. */
async function tokenAt(page: Page): Promise<{ x: number; y: number }> {
  return page.getByTestId('packet-token').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y };
  });
}

/** From now on every animation the page starts is held at its start, so none ends before it is read. */
async function holdAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (...args: Parameters<typeof animate>) {
      const animation = animate.apply(this, args);
      animation.pause();
      return animation;
    };
  });
}

/** Sets the token's (held) travel to a share of its duration. */
async function setTravel(page: Page, share: number): Promise<void> {
  await page.getByTestId('packet-token').evaluate((el, k) => {
    const travel = el.getAnimations()[0];
    if (!travel) throw new Error('the token is not travelling');
    travel.currentTime = Number(travel.effect?.getComputedTiming().duration ?? 0) * k;
  }, share);
}

/**
 * The token's travel (a Web Animation, played by the compositor), paused and set to `frames` + 1
 * times from start to end: its places there, distinct ones only (then finished). Empty when it
 * does not travel. What is checked does not depend on the machine's load.
 */
async function travelOf(page: Page, frames: number): Promise<{ x: number; y: number }[]> {
  return page.getByTestId('packet-token').evaluate((el, n) => {
    const travel = el.getAnimations()[0];
    if (!travel) return [];
    travel.pause();
    const duration = Number(travel.effect?.getComputedTiming().duration ?? 0);
    const seen: { x: number; y: number }[] = [];
    for (let i = 0; i <= n; i++) {
      travel.currentTime = (duration * i) / n;
      const r = el.getBoundingClientRect();
      const last = seen[seen.length - 1];
      if (!last || Math.abs(last.x - r.x) > 0.5 || Math.abs(last.y - r.y) > 0.5) seen.push({ x: r.x, y: r.y });
    }
    travel.finish();
    return seen;
  }, frames);
}

test('the token travels along the link to the next hop, and jumps when scrubbed', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b&step=4');
  await verdict(page);
  await holdAnimations(page);
  // step 4 → 5: from pod-a's eth0 over the veth to veth-pod-a, several places on the way
  const before = await tokenAt(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-at', 'd:host1//veth-pod-a');
  const frames = [before, ...(await travelOf(page, 40))];
  expect(frames.length, `start, end and at least one point between: ${JSON.stringify(frames)}`).toBeGreaterThan(3);
  // a veth drawn straight up: the token stays on its line
  const xs = frames.map((f) => f.x);
  expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(4);
  // and it went somewhere along it
  const ys = frames.map((f) => f.y);
  expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(10);
  // a scrub to the end: one jump, no glide
  await page.keyboard.press('End');
  await expect(page.getByTestId('packet-token')).not.toHaveAttribute('data-at', 'd:host1//veth-pod-a');
  expect(await travelOf(page, 20)).toEqual([]);
});

/** Screen distance from the token's centre to the nearest point of the edge's drawn path. */
async function tokenOffPath(page: Page, edge: string): Promise<number> {
  return page.evaluate((edge) => {
    const path = document.querySelector<SVGPathElement>(`[data-testid="rf__edge-${edge}"] path.react-flow__edge-path`)!;
    const ctm = path.getScreenCTM()!;
    const r = document.querySelector('[data-testid="packet-token"]')!.getBoundingClientRect();
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    const length = path.getTotalLength();
    let best = Infinity;
    for (let i = 0; i <= 400; i++) {
      const p = path.getPointAtLength((length * i) / 400).matrixTransform(ctm);
      best = Math.min(best, Math.hypot(p.x - cx, p.y - cy));
    }
    return best;
  }, edge);
}

// With the underlay hidden ("drops and rewrites"), the stop after the VXLAN encap is the
// decap at the far end: the token goes there over the tunnel arc. (Under "all steps" it follows
// the underlay instead; graph.real.test.ts checks it never takes the arc as a shortcut.)
for (const [scenario, flow] of [
  ['flannel-vxlan', 'pod1-to-pod2'],
  ['ipip', 'pod-a-to-pod-b'],
] as const) {
  test(`${scenario}: the token crosses the tunnel along its drawn arc and ends on it`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    await openLab(page, `?scenario=${scenario}&flow=${flow}&filter=drops-rewrites&step=1`);
    await verdict(page);
    // step on until a step lights the tunnel edge
    const lit = page.locator('.react-flow__edge-tunnel.pp-edge-lit');
    for (let i = 0; i < 20 && (await lit.count()) === 0; i++) {
      const was = await stepNumber(page);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => stepNumber(page)).toBeGreaterThan(was);
    }
    await expect(lit).toHaveCount(1);
    const edge = (await lit.getAttribute('data-id'))!;

    // back one stop (a jump), then forward again with the travel held and set frame by frame
    await page.keyboard.press('ArrowLeft');
    await expect(lit).toHaveCount(0);
    await holdAnimations(page);
    const before = await tokenAt(page);
    await page.keyboard.press('ArrowRight');
    await expect(lit).toHaveCount(1);
    const offs: number[] = [];
    let moved = 0;
    for (let i = 0; i <= 60; i++) {
      await setTravel(page, i / 60);
      offs.push(await tokenOffPath(page, edge));
      const now = await tokenAt(page);
      moved = Math.max(moved, Math.hypot(now.x - before.x, now.y - before.y));
    }
    expect(moved, 'the token travelled').toBeGreaterThan(50);
    // on the arc all the way, and its final place lies on it
    expect(Math.max(...offs), JSON.stringify(offs.map(Math.round))).toBeLessThan(6);
    expect(offs[offs.length - 1]).toBeLessThan(6);
  });
}

test('"show all" unfolds every namespace and machine, from the keyboard, and travels in the link as fold=0', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&lang=zh-CN');
  await verdict(page);
  const toggle = page.getByTestId('fold-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toHaveAccessibleName('全部显示：展开本流程不经过的命名空间和机器');
  await expect(page.locator('[data-collapsed="true"]').first()).toBeVisible();
  await expect(page.locator('[data-device="node1|pod3|eth0"]')).toHaveCount(0);

  // a button of the canvas toolbar: Tab reaches it, Space presses it
  await toggle.focus();
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-collapsed="true"]')).toHaveCount(0);
  await expect(page.locator('[data-device="node1|pod3|eth0"]')).toBeVisible();
  await expect(page.locator('[data-device="node2||eth0"]')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('fold')).toBe('0');

  // the link keeps it; pressed again, the flow's folds come back
  await page.reload();
  await expect(page.locator('[data-device="node2||eth0"]')).toBeVisible();
  await expect(page.getByTestId('fold-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('fold-toggle').click();
  await expect(page.locator('[data-device="node1|pod3|eth0"]')).toHaveCount(0);
  await expect(page.locator('[data-machine="node2"][data-collapsed="true"]')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('fold')).toBeNull();
});
