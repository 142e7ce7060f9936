// The Matrix view: a scenario's table computed in the worker, the article's differences, a cell
// opening and playing its conversation, the variant switch, all pairs, the keyboard, and the
// view in a link, in Chinese and dark.
import { expect, openLab, test, verdict } from './fixtures';

const cell = (page: import('@playwright/test').Page, flow: string) => page.getByTestId('matrix-table').locator(`button[data-flow="${flow}"]`);

test('the Matrix tab shows the scenario\'s flows as the article\'s table, and the cell that differs', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-iptables');
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('matrix');
  const table = page.getByRole('grid', { name: 'Reachability matrix' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText([/from/, /pod-b directly/, /ClusterIP \(TCP 80\)/, /NodePort/, /ClusterIP \(ping\)/]);
  await expect(table.getByRole('rowheader')).toHaveText([/^pod-a/, /^the host/, /^pod-b/, /^a client on the LAN/]);
  await expect(table.locator('button[data-flow]')).toHaveCount(7);
  await expect(cell(page, 'pod-b-to-clusterip')).toHaveAttribute('data-reason', 'IP_LOCAL_SOURCE');
  await expect(cell(page, 'pod-a-ping-clusterip')).toHaveAttribute('data-article-differs', 'true');
  await expect(page.getByTestId('matrix-summary')).toContainText('7 conversations: 4 delivered, 3 dropped');
  await expect(page.getByTestId('matrix-notes')).toContainText('The article says delivered; computed: IP_INNOROUTES at gateway eth0.');
  await expect(page.getByTestId('matrix-notes')).toContainText('translates every protocol');
});

test('a cell opens its conversation on the canvas and plays it', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-iptables&view=matrix');
  await cell(page, 'pod-b-to-clusterip').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Topology' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('pod-b-to-clusterip');
  expect(new URL(page.url()).searchParams.get('view')).toBeNull();
  expect(await verdict(page)).toBe('dropped');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', /playing|finished/);
  await expect(page.locator('[data-flow="pod-b-to-clusterip"]')).toHaveAttribute('aria-current', 'true');
});

test('the variant switch above the table recomputes the cells', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-iptables&view=matrix');
  await expect(cell(page, 'pod-b-to-clusterip')).toHaveAttribute('data-verdict', 'dropped');
  const variants = page.getByTestId('matrix-variants');
  await variants.getByRole('radio', { name: 'MASQUERADE the hairpin' }).click();
  await expect(cell(page, 'pod-b-to-clusterip')).toHaveAttribute('data-verdict', 'delivered');
  await expect.poll(() => new URL(page.url()).searchParams.get('variant')).toBe('hairpin-masquerade');
  // the article's ping through the ClusterIP: answered once every protocol is translated
  await variants.getByRole('radio', { name: /DNAT every protocol/ }).click();
  await expect(cell(page, 'pod-a-ping-clusterip')).toHaveAttribute('data-verdict', 'delivered');
  await expect(cell(page, 'pod-a-ping-clusterip')).not.toHaveAttribute('data-article-differs', 'true');
  await expect(cell(page, 'pod-a-to-clusterip')).toHaveAttribute('data-reason', 'NO_SOCKET');
  await expect(page.getByTestId('matrix-notes')).toHaveCount(0);
  await variants.getByRole('radio', { name: 'As written' }).click();
  await expect(cell(page, 'pod-a-ping-clusterip')).toHaveAttribute('data-article-differs', 'true');
});

test('calico-macvlan: the article\'s table computed, the INVALID drop and its be_liberal fix, and a cell played', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=calico-macvlan&view=matrix');
  const table = page.getByRole('grid', { name: 'Reachability matrix' });
  await expect(table.getByRole('columnheader')).toHaveText([
    /from/, /^Calico pod/, /^Macvlan pod/, /^Calico \+ Macvlan multi-NIC pod/, /^Service of a Calico pod/, /^Service of a Macvlan pod/, /^Service of the multi-NIC pod/, /its node/, /NodePort/,
  ]);
  await expect(table.getByRole('rowheader')).toHaveText([/^Calico pod/, /^Macvlan pod/, /^Calico \+ Macvlan multi-NIC pod/, /^client outside the cluster/]);
  await expect(table.locator('button[data-flow]')).toHaveCount(25);
  await expect(cell(page, 'macvlan-to-calico')).toHaveAttribute('data-reason', 'NETFILTER_DROP');
  await expect(cell(page, 'macvlan-to-calico')).not.toHaveAttribute('data-article-differs', 'true');
  await expect(cell(page, 'macvlan-to-svc-multi')).toHaveAttribute('data-article-differs', 'true');
  await expect(page.getByTestId('matrix-notes')).toContainText('never the SYN-ACK');
  await page.getByTestId('matrix-variants').getByRole('radio', { name: /nf_conntrack_tcp_be_liberal=1/ }).click();
  await expect(cell(page, 'macvlan-to-calico')).toHaveAttribute('data-verdict', 'delivered');
  await expect(cell(page, 'macvlan-to-svc-multi')).toHaveAttribute('data-verdict', 'delivered');
  await page.getByTestId('matrix-variants').getByRole('radio', { name: 'As written' }).click();
  await expect(cell(page, 'macvlan-to-calico')).toHaveAttribute('data-verdict', 'dropped');
  await cell(page, 'macvlan-to-calico').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('macvlan-to-calico');
  expect(await verdict(page)).toBe('dropped');
  // the cell started playback: jump to its end, where the drop is shown
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', /playing|finished/);
  await page.keyboard.press('End');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'finished');
  await expect(page.getByTestId('drop-reason').first()).toHaveText('NETFILTER_DROP');
});

test('all pairs: every source against every destination, and a pair opens as a built packet', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-kube-proxy&view=matrix');
  await page.getByTestId('matrix-mode').getByRole('radio', { name: 'All pairs' }).click();
  const table = page.getByTestId('matrix-table');
  await expect(table).toHaveAttribute('data-mode', 'pairs');
  await expect.poll(() => new URL(page.url()).searchParams.get('pairs')).toBe('1');
  await expect(table.getByRole('rowheader')).toHaveCount(6);
  await expect(table.getByRole('columnheader')).toHaveCount(13);
  await expect(table.locator('button[data-flow]')).toHaveCount(72);
  // host/pod-b → the web Service's ClusterIP: the hairpin, masqueraded by kube-proxy
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'host/pod-b' }) });
  const hairpin = row.locator('td').nth(9).locator('button');
  await expect(hairpin).toHaveAttribute('data-verdict', 'delivered');
  await hairpin.click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('custom');
  const params = new URL(page.url()).searchParams;
  expect([params.get('from'), params.get('to'), params.get('proto')]).toEqual(['host/pod-b', '10.96.0.100:80', 'tcp']);
  expect(await verdict(page)).toBe('delivered');
});

test('the keyboard moves over the grid and opens a cell', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-iptables&view=matrix&flow=pod-a-to-pod-b');
  const first = cell(page, 'pod-a-to-pod-b');
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(page.getByTestId('matrix-table').locator('button[tabindex="0"]')).toHaveCount(1);
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 'pod-a-to-clusterip')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'host-to-clusterip')).toBeFocused();
  await page.keyboard.press('End');
  await expect(cell(page, 'host-to-clusterip')).toBeFocused(); // the host's row has nothing further right
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await expect(cell(page, 'pod-a-ping-clusterip')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe('pod-a-ping-clusterip');
  await expect(page.getByTestId('canvas')).toBeVisible();
});

test('a link opens the matrix in Chinese and dark, and it scrolls inside its box when narrow', async ({ page, consoleProblems }, info) => {
  void consoleProblems;
  await openLab(page, '?scenario=services-iptables&view=matrix&lang=zh-CN&theme=dark');
  await expect(page.getByRole('grid', { name: '可达性矩阵' })).toBeVisible();
  await expect(page.getByTestId('matrix-table').getByRole('rowheader').nth(1)).toContainText('主机');
  await expect(page.getByTestId('matrix-notes')).toContainText('对所有协议都做转换');
  await page.screenshot({ path: 'test-results/screenshots/matrix-zh-dark.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  const scroll = page.getByTestId('matrix-scroll');
  await expect.poll(() => scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await page.screenshot({ path: info.outputPath('matrix-narrow.png') });
});
