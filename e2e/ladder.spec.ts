// The ladder diagram beside the timeline: columns for the places a conversation crosses, an arrow
// per hop, synced both ways with playback; a dropping flow ends in a cross where it died.
import { expect, openLab, stepNumber, test, verdict } from './fixtures';

test('flannel-vxlan TCP: the ladder draws the handshake hop by hop and follows playback both ways', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2');
  expect(await verdict(page)).toBe('delivered');
  await page.getByRole('tab', { name: 'Ladder' }).click();
  const ladder = page.getByTestId('ladder');
  await expect(ladder).toBeVisible();
  for (const column of ['node1/pod1', 'node1', 'lan', 'node3', 'node3/pod2']) await expect(ladder.locator(`[data-ladder-column="${column}"]`)).toHaveCount(1);
  // the SYN, SYN-ACK and ACK cross the tunnel: one arrow per hop, each from its sender to its receiver
  for (const packet of ['SYN', 'SYN-ACK', 'ACK']) await expect(ladder.locator(`[data-ladder-arrow][data-packet="${packet}"]`)).toHaveCount(4);
  await expect(ladder.locator('[data-ladder-arrow][data-packet="SYN"][data-from="node1"][data-to="lan"]')).toContainText('VXLAN encap 192.168.3.11 → 192.168.3.10');
  await expect(ladder.locator('[data-ladder-arrow][data-packet="SYN-ACK"][data-from="node3/pod2"][data-to="node3"]')).toHaveCount(1);
  await expect(ladder.locator('[data-ladder-drop]')).toHaveCount(0);

  // clicking an arrow seeks to its hop: the step counter moves and the arrow is the current one
  const synAck = ladder.locator('[data-ladder-arrow][data-packet="SYN-ACK"][data-from="lan"][data-to="node1"]');
  await synAck.click();
  const at = await stepNumber(page);
  expect(at).toBeGreaterThan(1);
  await expect(synAck).toHaveAttribute('data-current', 'true');
  await expect(ladder.locator('[data-ladder-arrow][data-current="true"]')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/ladder.png' });

  // stepping moves the highlight on to the next hop (lan → node1, then node1 → pod1)
  const next = ladder.locator('[data-ladder-arrow][data-packet="SYN-ACK"][data-from="node1"][data-to="node1/pod1"]');
  await page.getByTestId('playback').getByRole('button', { name: /Step forward/ }).click();
  await expect.poll(() => stepNumber(page)).toBe(at + 1);
  await expect(next).toHaveAttribute('data-current', 'true');
  await expect(synAck).not.toHaveAttribute('data-current', 'true');
});

test('host-gw no-route: the SYN\'s arrow ends in a cross at the router that dropped it', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&variant=no-route&flow=pod-a-to-pod-b');
  expect(await verdict(page)).toBe('dropped');
  await page.getByRole('tab', { name: 'Ladder' }).click();
  const ladder = page.getByTestId('ladder');
  const flowDrop = ladder.locator('[data-ladder-drop][data-flow-drop="true"]');
  await expect(flowDrop).toHaveCount(1);
  await expect(flowDrop).toHaveAttribute('data-ladder-drop', 'router');
  await expect(ladder.locator('[data-ladder-arrow][data-packet="SYN"]').last()).toHaveAttribute('aria-label', 'SYN from lan, dropped at router');
});

test('the ladder speaks Chinese and draws in the dark theme', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-service&lang=zh-CN&theme=dark');
  await page.getByRole('tab', { name: '时序图' }).click();
  const ladder = page.getByTestId('ladder');
  await expect(ladder.locator('[data-ladder-arrow][data-packet="SYN"]').nth(1)).toContainText('目的 10.96.0.10:80 → 10.244.3.3:8080');
  await expect(ladder.locator('[data-ladder-arrow][data-packet="arp-request"]').first()).toContainText('ARP 请求');
  await expect(page.locator('html')).toHaveClass(/dark/);
});

test('the ladder view travels in the link (steps=ladder): a share link or a reload opens on it', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&step=3');
  expect(await verdict(page)).toBe('delivered');
  await page.getByRole('tab', { name: 'Ladder' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('steps')).toBe('ladder');
  const url = page.url();

  await page.goto(url);
  await expect(page.getByRole('tab', { name: 'Ladder' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('ladder')).toBeVisible();
  await expect.poll(() => stepNumber(page)).toBe(3);

  // back to the timeline: the parameter goes, and a reload keeps the timeline
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('steps')).toBeNull();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('ladder')).toHaveCount(0);
});
