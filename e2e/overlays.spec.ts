// Across nodes: the VXLAN and IP-in-IP headers in the inspector, the tunnels on the canvas,
// and the overlay and cloud drops with their fixes.
import { expect, openLab, test, timelineRow, verdict } from './fixtures';

test('flannel-vxlan: the VTEP wraps the frame (outer IPv4/UDP/VXLAN around the inner Ethernet) chosen by the FDB', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2');
  expect(await verdict(page)).toBe('delivered');
  await (await timelineRow(page, '[data-step-index]', 'vxlan_xmit_one')).click();
  await expect(page.getByTestId('kernel-step')).toHaveText('vxlan_xmit_one');
  const tree = page.getByTestId('header-tree');
  await expect(tree).toContainText('Virtual eXtensible Local Area Network, VNI: 1');
  await expect(tree).toContainText('Dst Port: 8472');
  await expect(tree).toContainText('Src: 10.244.1.3, Dst: 10.244.3.3');
  await expect(page.getByTestId('inspector').getByTestId('matched')).toContainText('dev flannel.1 dst 192.168.3.10');
  await expect(page.locator('.pp-edge-tunnel').first()).toBeAttached();
  // decapsulation on node3 pops the outer layers
  await (await timelineRow(page, '[data-step-index]', 'vxlan_rcv')).click();
  await expect(page.getByTestId('kernel-step')).toHaveText('vxlan_rcv');
  await expect(page.getByTestId('popped-layers')).toContainText('Virtual eXtensible Local Area Network');
});

test('flannel-vxlan: without the FDB entry the VTEP has no target; the scenario as written delivers', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&variant=missing-fdb&flow=pod1-to-pod2');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await expect(drop.getByTestId('drop-reason')).toHaveText('NO_TX_TARGET');
  await drop.getByTestId('apply-fix').click();
  await expect(page.getByTestId('variant')).toHaveValue('');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
});

test('ipip: the outer IPv4 header (protocol 4) and the tunnel MTU of 1480', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=ipip&flow=pod-a-to-pod-b&step=19');
  await expect(page.getByTestId('kernel-step')).toHaveText('iptunnel_xmit');
  await expect(page.getByTestId('header-tree')).toContainText('(outer header, IP-in-IP)');
  const panels = page.getByTestId('state-panels');
  await panels.getByTestId('namespace-picker').selectOption({ label: 'host1' });
  await panels.getByRole('tab', { name: /addr/ }).click();
  await expect(panels).toContainText(/mustang\.tun0.*mtu 1480/);
});

test('ipip on a cloud: the security group drops protocol 4 at the fabric, and the fixed group delivers', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=ipip&variant=cloud-security-group&flow=pod-a-to-pod-b');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  const drop = page.getByTestId('inspector').getByTestId('drop');
  await expect(drop.getByTestId('drop-reason')).toHaveText('SECURITY_GROUP_DENY');
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-at', 'net:lan');
  await drop.getByTestId('apply-fix').click();
  await expect(page.getByTestId('variant')).toHaveValue('cloud-security-group-fixed');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
});

test('host-gw on a cloud: source/dest check drops the pod traffic until the fix', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw-cloud&flow=pod-a-to-pod-b');
  expect(await verdict(page)).toBe('dropped');
  await page.keyboard.press('End');
  await expect(page.getByTestId('inspector').getByTestId('drop-reason')).toHaveText('SOURCE_DEST_CHECK');
  await page.getByTestId('variant').selectOption('fixed');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
});
