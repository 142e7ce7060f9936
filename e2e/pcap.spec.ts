// "Download pcap" in the Share menu: the page builds the flow's capture itself, and tshark
// reads the downloaded file with the devices and packets the CLI's capture has.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, expect, openLab, verdict } from './fixtures';

function tsharkFields(path: string): string {
  const r = spawnSync('tshark', ['-r', path, '-n', '-T', 'fields', '-e', 'frame.interface_name', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'ip.ttl', '-e', '_ws.malformed'], { encoding: 'utf8' });
  if (r.error) throw new Error('tshark is not installed: run scripts/setup-test-deps.sh');
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

test('Download pcap saves the flow\'s capture, which tshark reads like the CLI\'s', async ({ page, consoleProblems }, info) => {
  void consoleProblems;
  await openLab(page, '?scenario=calico-ipip&flow=pod-a-ping-pod-b');
  await verdict(page);
  await page.getByTestId('share').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pcap').click()]);
  expect(download.suggestedFilename()).toBe('pod-a-ping-pod-b.pcapng');
  const saved = info.outputPath('page.pcapng');
  await download.saveAs(saved);

  const cli = info.outputPath('cli.pcapng');
  const r = spawnSync('node', ['bin/podpath.mjs', 'pcap', 'scenarios/calico-ipip.yaml', '--flow', 'pod-a-ping-pod-b', '-o', cli], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // the same writer on the same trace: the same bytes
  expect(Buffer.compare(readFileSync(saved), readFileSync(cli))).toBe(0);
  const fields = tsharkFields(saved);
  expect(fields).toContain('node2:tunl0\t10.244.1.2\t10.244.2.2');
  expect(fields).not.toContain('Malformed');
});

test('in predict mode the capture waits for the guess (it would show the answer)', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=network-policy&flow=pod-a-to-pod-b&predict=1');
  await expect(page.getByTestId('predict-question')).toBeVisible();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('download-pcap')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByTestId('predict-question').locator('[data-guess="delivered"]').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'dropped');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('download-pcap')).toBeEnabled();
});
