// A flow that dies: the drop reason where it happens, the rule that matched highlighted in the
// namespace's state, then the fix applied from the inspector and the flow delivered.
import { expect, openLab, test, verdict } from './fixtures';

test('network-policy: the FORWARD DROP rule is shown and highlighted, and the fix delivers', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=network-policy&flow=pod-a-to-pod-b');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await expect(drop.getByTestId('drop-reason')).toHaveText('NETFILTER_DROP');
  await expect(page.getByTestId('inspector').getByTestId('matched')).toContainText('-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP');
  const panels = page.getByTestId('state-panels');
  await expect(panels.locator('[data-highlight="true"]').first()).toContainText('-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP');
  await expect(page.locator('[data-netns][data-active="true"]')).toHaveAttribute('data-netns', 'host1|');
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-drop', 'true');

  await drop.getByTestId('apply-fix').click();
  await expect(page.getByTestId('variant')).toHaveValue('rule-on-clusterip');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', /playing|finished/);
  expect(new URL(page.url()).searchParams.get('variant')).toBe('rule-on-clusterip');
});

test('pod-host: the pod without a route drops IP_OUTNOROUTES in its own namespace; the fixed variant delivers', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=pod-host');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await expect(drop.getByTestId('drop-reason')).toHaveText('IP_OUTNOROUTES');
  await expect(page.locator('[data-netns][data-active="true"]')).toHaveAttribute('data-netns', 'host|ns1');
  await drop.getByTestId('apply-fix').click();
  await expect(page.getByTestId('variant')).toHaveValue('fixed');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
});

test('host-gw: the SYN crosses both hosts with three Ethernet address pairs', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
  expect(await verdict(page)).toBe('delivered');
  // Walk the conversation step by step and collect the Ethernet header of every TCP SYN frame.
  const total = Number(/\/\s*(\d+)/.exec((await page.getByTestId('step-counter').textContent()) ?? '')?.[1]);
  const pairs = new Set<string>();
  for (let i = 0; i < total; i++) {
    await page.keyboard.press('ArrowRight');
    const tree = page.getByTestId('header-tree');
    const text = (await tree.textContent({ timeout: 2000 }).catch(() => '')) ?? '';
    if (!/\[SYN\]|Flags:\s*\[?SYN\b(?!-)/.test(text) || /ACK/.test(text)) continue;
    const eth = /Src:\s*([0-9a-f:]{17}).*?Dst:\s*([0-9a-f:]{17})/s.exec(text);
    if (eth && eth[2] !== 'ff:ff:ff:ff:ff:ff') pairs.add(`${eth[1]}>${eth[2]}`);
  }
  expect([...pairs]).toHaveLength(3);
});
