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
  // netfilter's own explanation, the rule named by the drop's cause, and a silent DROP's timeout
  await expect(drop.getByTestId('drop-what')).toHaveText('rule 1 of filter FORWARD dropped it: -A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP');
  await expect(drop.getByTestId('drop-explain')).toContainText('an iptables rule with -j DROP or -j REJECT matched it');
  await expect(drop.getByTestId('drop-explain')).not.toContainText('blackhole');
  await expect(drop.getByTestId('drop-app')).toContainText('DROP is silent');
  await expect(page.getByTestId('inspector').getByTestId('matched')).toContainText('-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP');
  const panels = page.getByTestId('state-panels');
  await expect(panels.locator('[data-highlight="true"]').first()).toContainText('-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP');
  await expect(page.locator('[data-netns][data-active="true"]')).toHaveAttribute('data-netns', 'host1|');
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-drop', 'true');

  // the policy means to block pod-a → pod-b: no variant is declared its fix, so none is offered
  await expect(drop.getByTestId('apply-fix')).toHaveCount(0);
});

test('network-policy: the replies the policy drops are fixed by the variant declared their fix (stateful)', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=network-policy&flow=pod-b-to-pod-a');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await drop.getByTestId('apply-fix').click();
  await expect(page.getByTestId('variant')).toHaveValue('stateful');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', /playing|finished/);
  expect(new URL(page.url()).searchParams.get('variant')).toBe('stateful');
  // what the fix typed: one command added on host1, nothing removed
  const diff = page.getByTestId('variant-diff');
  await expect(diff.locator('[data-machine="host1"] [data-diff="added"]')).toHaveCount(1);
  await expect(diff.locator('[data-machine="host1"] [data-diff="added"]')).toContainText('iptables -I FORWARD 1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  await expect(diff.locator('[data-diff="removed"]')).toHaveCount(0);
  // and host1's iptables panel marks the rule that is new since the switch
  const panels = page.getByTestId('state-panels');
  await panels.getByTestId('namespace-picker').selectOption({ label: 'host1' });
  await panels.getByRole('tab', { name: /iptables/ }).click();
  await expect(panels.locator('[data-switched="true"]').filter({ hasText: '--ctstate RELATED,ESTABLISHED -j ACCEPT' })).toHaveCount(1);
});

test('network-policy in 简体中文: the drop is explained in Chinese, with the rule', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=network-policy&flow=pod-a-to-pod-b&lang=zh-CN');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await expect(drop.getByTestId('drop-what')).toHaveText('filter 表 FORWARD 链的第 1 条规则丢弃了它：-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP');
  await expect(drop.getByTestId('drop-explain')).toContainText('Netfilter 丢弃了这个包');
  await expect(drop.getByTestId('drop-app')).toContainText('DROP 是静默的');
});

test('calico-ipip: a blackhole route the kernel drops unnamed is explained by its cause, the route named', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=calico-ipip&flow=pod-a-to-unused-address');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await expect(drop.getByTestId('drop-reason')).toHaveText('NOT_SPECIFIED');
  await expect(drop.getByTestId('drop-what')).toHaveText('the blackhole route "blackhole 10.244.1.0/26 proto bird" matched: dropped, and the sender is told nothing');
  await expect(drop.getByTestId('drop-explain')).toContainText('blackhole drops silently');
  await expect(drop.getByTestId('drop-app')).toContainText('the client times out');
});

test('pod-host: the pod without a route drops IP_OUTNOROUTES in its own namespace; the lesson\'s fixes, one step at a time, deliver', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=pod-host');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.locator('[data-testid="inspector"] [data-testid="drop"]').first();
  await expect(drop.getByTestId('drop-reason')).toHaveText('IP_OUTNOROUTES');
  await expect(page.locator('[data-netns][data-active="true"]')).toHaveAttribute('data-netns', 'host|ns1');
  // each step declares the one before it as what it fixes (fixes: in the scenario)
  for (const step of ['default-route', 'proxy-arp-without-forwarding', 'proxy-arp', 'fixed']) {
    await drop.getByTestId('apply-fix').click();
    await expect(page.getByTestId('variant')).toHaveValue(step);
    await page.keyboard.press('End');
  }
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

test('host-gw no-route: the end view shows the SYN\'s drop, and the error that could not come back under it', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&variant=no-route&flow=pod-a-to-pod-b');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const inspector = page.getByTestId('inspector');
  // the last step is the ICMP error's death at the router: subordinate, naming the flow's drop
  await expect(inspector.getByTestId('drop-follow-on-reason')).toHaveText('IP_OUTNOROUTES');
  await expect(inspector.getByTestId('drop-follow-on')).toContainText('IP_INNOROUTES');
  // the full drop box is the SYN's, as the summary and the CLI say
  const drop = inspector.locator('[data-testid="drop"][data-summary="true"]');
  await expect(drop.getByTestId('drop-reason')).toHaveText('IP_INNOROUTES');
  await expect(inspector.locator('[data-testid="drop"]:not([data-summary])')).toHaveCount(0);
  await expect(page.locator('[data-drop-mark="flow"]')).toHaveCount(1);
});
