// Pacing: the step filter narrows the timeline and playback (and travels in the link), a drop
// stays under every filter, "next drop" lands on it, a kube-proxy chain walk is one row that
// opens, and one-packet playback pauses at the end of the packet.
import type { Page } from '@playwright/test';
import { expect, openLab, test, timelineRow, verdict } from './fixtures';

// The timeline draws only the rows in view (a virtual list); it says how many it lists, and how many are drops.
const rowCount = async (page: Page) => Number(await page.getByTestId('timeline').getAttribute('data-rows'));
const dropCount = async (page: Page) => Number(await page.getByTestId('timeline').getAttribute('data-drops'));
const drawnRows = (page: Page) => page.getByTestId('timeline').locator('[data-step-index], [data-walk-index]');
const current = (page: Page) => page.getByTestId('timeline').locator('[aria-current="step"]');

test('hops only: the timeline shrinks, the drop stays, the link keeps the filter', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&variant=missing-fdb&flow=pod1-to-pod2');
  expect(await verdict(page)).toBe('dropped');
  await expect(drawnRows(page).first()).toBeVisible();
  const all = await rowCount(page);
  const drops = await dropCount(page);
  expect(drops).toBeGreaterThan(0);
  // the drop row is in the list and draws as one
  await expect((await timelineRow(page, '[data-drop]')).first()).toBeVisible();

  await page.getByTestId('step-filter').selectOption('hops');
  await expect.poll(() => rowCount(page)).toBeLessThan(all / 2);
  await expect.poll(() => dropCount(page)).toBe(drops);
  await expect((await timelineRow(page, '[data-drop]')).first()).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('filter')).toBe('hops');

  // playback steps only through what the timeline lists
  await page.getByTestId('timeline').click({ position: { x: 5, y: 5 } }); // no row: just the box
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(current(page)).toHaveCount(1);
  }
  // the counter counts what the filter shows, then where that is among all steps
  const shown = await rowCount(page);
  const at = Number(await current(page).getAttribute('data-step-index')) + 1;
  const counter = page.getByTestId('step-counter');
  await expect(counter).toHaveText(new RegExp(`^4 / ${shown} shown · step ${at} of (\\d+)$`));
  const total = Number(/of (\d+)$/.exec((await counter.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(shown);
  // the URL follows playback within a second (it is not rewritten on every step)
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(at));
  await page.reload();
  await expect(page.getByTestId('step-filter')).toHaveValue('hops');
  await expect.poll(() => rowCount(page)).toBeLessThan(all / 2);
  await expect(counter).toHaveText(new RegExp(`^4 / ${shown} shown · step ${at} of ${total}$`));
  // in Chinese too; and "all steps" is back to the plain count
  const zh = new URL(page.url());
  zh.searchParams.set('lang', 'zh-CN');
  await page.goto(zh.toString());
  await expect(counter).toHaveText(`显示 4 / ${shown} · 第 ${at} 步，共 ${total} 步`);
  await page.getByTestId('step-filter').selectOption('all');
  await expect(counter).toHaveText(`${at} / ${total}`);
});

test('next drop lands on the drop, from the button and the D key', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&variant=missing-fdb&flow=pod1-to-pod2');
  expect(await verdict(page)).toBe('dropped');
  await page.getByTestId('next-drop').click();
  await expect(current(page)).toHaveAttribute('data-drop', 'true');
  const first = await current(page).getAttribute('data-step-index');
  await page.keyboard.press('Home');
  await expect(current(page)).not.toHaveAttribute('data-drop', 'true');
  await page.keyboard.press('d');
  await expect(current(page)).toHaveAttribute('data-step-index', first!);
  // nothing left on another machine before it died: no next machine
  await expect(page.getByTestId('next-machine')).toBeDisabled();
});

test('next machine moves node1 → node2 (the ARP flood) → node3', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=1');
  expect(await verdict(page)).toBe('delivered');
  const machine = async () => (await page.getByRole('slider').getAttribute('aria-valuetext'))?.split(',')[1]?.trim().split('/')[0];
  await expect.poll(machine).toBe('node1');
  await page.getByTestId('next-machine').click();
  await expect.poll(machine).toBe('node2');
  await page.keyboard.press('m');
  await expect.poll(machine).toBe('node3');
});

test('a kube-proxy chain walk is one row that opens to its rules', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-kube-proxy&flow=pod-a-to-web');
  expect(await verdict(page)).toBe('delivered');
  const summary = /KUBE-SERVICES → KUBE-SVC-\w+ → KUBE-SEP-\w+: DNAT/;
  await timelineRow(page, '[data-walk]', summary);
  const walk = page.getByTestId('timeline').locator('[data-walk]').filter({ has: page.getByTestId('walk-summary').filter({ hasText: summary }) });
  await expect(walk).toHaveCount(1);
  await expect(page.getByTestId('timeline').getByText('KUBE-SEP', { exact: false })).toHaveCount(1);
  const before = await rowCount(page);

  // collapsed, playback stops once on the walk, at its last rule
  await walk.locator('[data-walk-index]').click();
  await expect(walk.locator('[data-walk-index]')).toHaveAttribute('aria-current', 'step');

  await walk.getByTestId('walk-toggle').click();
  await expect(walk.getByTestId('walk-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect.poll(() => rowCount(page)).toBe(before + 4);
  // open, its rules are stops of their own
  await page.keyboard.press('Home');
  const first = await timelineRow(page, '[data-step-index]', 'ipt_do_table PREROUTING/nat');
  await first.click();
  await expect(first).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('ArrowRight');
  await expect(current(page)).toHaveText(/KUBE-SERVICES|ipt_do_table/);
});

test('one packet: playing pauses at the end of the SYN', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&filter=hops');
  expect(await verdict(page)).toBe('delivered');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await page.getByTestId('scope-leg').click();
  await expect(page.getByTestId('scope-leg')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'paused', { timeout: 15_000 });
  await expect(current(page)).toContainText('tcp_v4_rcv');
  await expect(page.getByRole('slider')).toHaveAttribute('aria-valuetext', /SYN,/);
});

test('the current row stays in view inside the timeline, after a far jump too', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2');
  await verdict(page);
  for (const key of ['End', 'Home', 'End', 'ArrowLeft']) {
    await page.keyboard.press(key);
    await expect(current(page), key).toBeInViewport();
  }
  // a link to a step far down the conversation opens with its row in view
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=150');
  await verdict(page);
  await expect(current(page)).toHaveAttribute('data-step-index', '149');
  await expect(current(page)).toBeInViewport();
});

test('keyboard focus on the timeline follows the current row, to a row far out of view too', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=2');
  await verdict(page);
  await current(page).focus();
  await expect(current(page)).toBeFocused();
  for (const key of ['End', 'Home', 'ArrowDown']) {
    await page.keyboard.press(key);
    await expect(current(page), key).toBeFocused();
    await expect(current(page), key).toBeInViewport();
  }
});
