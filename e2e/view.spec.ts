// The view as a link, in an iframe, in Chinese, dark, from the keyboard, and a flow built in
// the page.
import { expect, openLab, stepNumber, test, verdict } from './fixtures';

test('a link reproduces scenario, variant, flow and step, and follows the view', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&variant=no-route&flow=pod-a-ping-pod-b&step=5');
  await expect(page.getByTestId('variant')).toHaveValue('no-route');
  await expect(page.locator('[data-flow="pod-a-ping-pod-b"]')).toHaveAttribute('aria-current', 'true');
  expect(await verdict(page)).toBe('dropped');
  await expect.poll(() => stepNumber(page)).toBe(5);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe('6');
  await page.reload();
  await expect(page.getByTestId('variant')).toHaveValue('no-route');
  await expect.poll(() => stepNumber(page)).toBe(6);
});

test('the share control offers the link and an iframe snippet in embed mode', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b&step=3');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/scenario=host-gw&flow=pod-a-to-pod-b&step=3/);
  await expect(page.getByTestId('share-iframe')).toHaveValue(/<iframe src="[^"]*embed=1"/);
});

test('embed mode shows only the canvas and playback, and works inside an iframe', async ({ page, consoleProblems, baseURL }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b&embed=1');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('playback')).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await expect(page.getByTestId('scenario-picker')).toHaveCount(0);

  await page.setContent(`<!doctype html><title>docs</title><h1>Docs page</h1>
    <iframe src="${baseURL}?scenario=host-gw&flow=pod-a-to-pod-b&step=10&embed=1" width="960" height="600" style="border:0"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('canvas')).toBeVisible();
  await expect(frame.locator('[data-device]').first()).toBeVisible();
  await expect(frame.getByTestId('step-counter')).toContainText('10');
  await expect(frame.getByTestId('packet-token')).toBeVisible();
});

test('the language switch turns the UI and scenario texts into 简体中文', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw');
  await page.getByRole('radio', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('share')).toHaveText('分享');
  await expect(page.getByTestId('scenario-header').locator('h1')).toContainText('Pod');
  await expect(page.getByTestId('scenario-header').locator('h1')).not.toContainText('pod to pod across hosts');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('zh-CN');
});

test('the theme switch turns the page dark and the link keeps it', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  expect(new URL(page.url()).searchParams.get('theme')).toBe('dark');
});

test('the keyboard plays, pauses and steps', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
  await verdict(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => stepNumber(page)).toBe(2);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => stepNumber(page)).toBe(1);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'playing');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'paused');
});

test('the catalogue finds a scenario by search and opens it on its first flow', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw');
  await page.getByTestId('scenario-picker').click();
  await page.getByRole('searchbox').fill('ipvs');
  const entries = page.getByTestId('catalogue').locator('[data-scenario]');
  await expect(entries).toHaveCount(1);
  await entries.first().click();
  await expect(page).toHaveURL(/scenario=kube-proxy-ipvs/);
  await expect(page.locator('[data-flow="pod-a-to-clusterip"]')).toHaveAttribute('aria-current', 'true');
  expect(await verdict(page)).toBe('delivered');
});

test('the flow builder traces a packet the user asks for', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw');
  const builder = page.getByTestId('flow-builder');
  await builder.locator('summary').click();
  await builder.getByLabel(/From namespace/).selectOption('host2/pod-b');
  await builder.getByLabel(/To address/).fill('192.168.10.10');
  await builder.getByLabel(/Protocol/).selectOption('icmp');
  await builder.getByRole('button', { name: /Trace/ }).click();
  expect(await verdict(page)).toBe('delivered');
  await expect(page).toHaveURL(/flow=custom&from=host2%2Fpod-b&to=192.168.10.10&proto=icmp/);
  // a bad address: said next to the field, and the packet traced before stays (never another flow)
  await builder.getByLabel(/To address/).fill('not-an-address');
  await builder.getByRole('button', { name: /Trace/ }).click();
  await expect(builder.getByTestId('builder-to-error')).toHaveText('Not an IPv4 address: “not-an-address” (expected A.B.C.D).');
  await expect(builder.getByLabel(/To address/)).toHaveAttribute('aria-invalid', 'true');
  await expect(builder.getByLabel(/To address/)).toHaveAccessibleDescription(/Not an IPv4 address/);
  await expect(page).toHaveURL(/flow=custom&from=host2%2Fpod-b&to=192.168.10.10&proto=icmp/);
  expect(await verdict(page)).toBe('delivered');
  // a bad port likewise
  await builder.getByLabel(/To address/).fill('192.168.10.10');
  await builder.getByLabel(/Protocol/).selectOption('tcp');
  await builder.getByLabel(/Port/).fill('99999');
  await builder.getByRole('button', { name: /Trace/ }).click();
  await expect(builder.getByTestId('builder-port-error')).toContainText('“99999”');
  await expect(builder.getByTestId('builder-to-error')).toHaveCount(0);
  await expect(page).toHaveURL(/proto=icmp/);
});
