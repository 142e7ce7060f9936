// Bring your own node (issue 14): node snapshots (scripts/podpath-collect.sh's JSON, here the
// parity round trip's collection of services-kube-proxy built in namespaces) dropped on the page
// open as one lab, imported in the engine worker, and a Service of the node is traced by name.
import { readFileSync } from 'node:fs';
import { expect, openLab, test, timelineRow, verdict } from './fixtures';

const DIR = 'test/fixtures/snapshots/services-kube-proxy';
const FILES = ['host.json', 'client.json', 'gateway.json'].map((name) => ({ name, text: readFileSync(`${DIR}/${name}`, 'utf8') }));

test('snapshots dropped on the page open as a lab, and a Service picked by name is traced', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '');
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    return dt;
  }, FILES);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
  await expect(page.getByTestId('scenario-header').getByRole('heading', { level: 1 })).toHaveText('Imported: host, client, gateway', { timeout: 30_000 });
  await expect(page.getByTestId('editor-notice')).toContainText('Imported host.json, client.json, gateway.json as a lab of yours');
  // the node's machines and pod namespaces are on the canvas
  await expect(page.locator('[data-machine="host"]').first()).toBeVisible();

  const builder = page.getByTestId('flow-builder');
  await builder.locator('summary').click();
  await builder.getByLabel(/From namespace/).selectOption('host/pod-a');
  const pick = builder.getByTestId('builder-service');
  await pick.selectOption({ label: 'default/web:http — 10.96.0.100:80/tcp' });
  await expect(page).toHaveURL(/to=10\.96\.0\.100%3A80&proto=tcp/);
  // no process is in a snapshot: the Service's DNAT takes the SYN to an endpoint whose port is
  // closed (NO_SOCKET there), and the client sees the reset
  expect(await verdict(page)).toBe('dropped');
  await expect(page.getByTestId('trace-summary')).toContainText('Connection refused');
  await expect(await timelineRow(page, '[data-step-index]', /no socket for TCP 10\.244\.1\.1[12]:8080/)).toBeVisible();
});

test('a file that is not a snapshot is refused with the importer\'s message', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '');
  await page.getByTestId('edit-toggle').click();
  await page.getByTestId('editor-panel').getByTestId('open-file-input').setInputFiles({ name: 'node.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(page.getByTestId('editor-notice')).toContainText('Could not import node.json: node.json: not a podpath snapshot');
  await expect(page.getByTestId('editor-notice')).toHaveAttribute('data-tone', 'error');
});
