// Writing and opening your own lab (issue 13, items 1 and 2): a new lab from the template in
// the editor, an error shown inline at its line and fixed, the flow played; a .yaml opened by
// drag-and-drop, by the file picker and by ?src=; a lab shared in a link's fragment and opened
// in a fresh browser; the lab downloaded as .yaml.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { NEW_LAB_TEMPLATE } from '../src/ui/editor/model/template';
import { expect, openLab, playToEnd, test, verdict } from './fixtures';

/** A line of the editor near the end of the text (CodeMirror draws only the lines in view). */
async function lineNearEnd(page: Page, text: string) {
  await page.locator('.cm-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  return page.locator('.cm-line', { hasText: text });
}

const heading = (page: Page) => page.getByTestId('scenario-header').getByRole('heading', { level: 1 });

/** The template under another id and title, as a file from outside. */
const OTHER_LAB = NEW_LAB_TEMPLATE.replace('id: my-lab', 'id: from-outside').replace('en: "Two namespaces on a bridge"', 'en: "A lab from outside"');

async function newLabFromTemplate(page: Page): Promise<void> {
  await openLab(page, '');
  await page.getByTestId('edit-toggle').click();
  await page.getByTestId('new-lab').click();
  await expect(page).toHaveURL(/scenario=my-lab(&|$)/);
  await expect(heading(page)).toHaveText('Two namespaces on a bridge');
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('contenteditable', 'true');
}

test('a new lab from the template: an error shows inline at its line, the fix rebuilds the lab and its flow plays', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await newLabFromTemplate(page);
  expect(await verdict(page)).toBe('delivered');
  const viewport = page.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');

  // the script's commands stand out
  await expect(page.locator('.cm-line', { hasText: 'ip link add br0 type bridge' }).locator('.cm-pp-command')).toHaveText('ip');
  await (await lineNearEnd(page, 'protocol: icmp')).click();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await page.keyboard.press('Escape'); // close the completion list, if open
  const line = NEW_LAB_TEMPLATE.split('\n').findIndex((l) => l.includes('protocol: icmp')) + 1;
  // the diagnostic sits on the word, on its line, and the problem list names line and column
  await expect(page.locator('.cm-line', { hasText: 'protocol: icmpx' }).locator('.cm-lintRange-error')).toHaveText('icmpx');
  await expect(page.getByTestId('editor-problems').locator(`li[data-line="${line}"]`)).toContainText(`my-lab.yaml:${line}:15:`);
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  // the canvas stays (and stays where it was) while the text is wrong
  await expect(page.getByTestId('canvas')).toBeVisible();

  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('editor-problems')).toContainText('No problems');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  expect(await verdict(page)).toBe('delivered');
  expect(await viewport.getAttribute('style')).toBe(before);
  await playToEnd(page);

  // the edit is kept: after a reload the lab is listed under My labs and opens with its text
  await page.reload();
  await expect(heading(page)).toHaveText('Two namespaces on a bridge');
  await page.getByTestId('scenario-picker').click();
  await expect(page.getByTestId('my-labs').locator('[data-my-lab="my-lab.yaml"]')).toBeVisible();
});

test('completion offers the schema\'s keys and words and the lab\'s machine names', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await newLabFromTemplate(page);
  await (await lineNearEnd(page, 'expect: delivered')).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n  - id: second\n    ');
  const options = page.locator('.cm-tooltip-autocomplete [role="option"]');
  // an option is taken with Enter once CodeMirror's interactionDelay (75 ms) has passed: Enter
  // right after the list opens is a new line; a click can miss a list drawn outside the viewport
  const take = async () => {
    await page.waitForTimeout(250);
    await page.keyboard.press('Enter');
  };
  await page.keyboard.type('proto');
  await expect(options.first()).toHaveText(/^protocol/);
  await take();
  await page.keyboard.type('ud');
  await expect(options.first()).toHaveText(/^udp/);
  await take();
  await page.keyboard.insertText('\n    from: ');
  await page.keyboard.type('ho');
  await expect(options.first()).toHaveText(/^host/);
  await take();
  await expect(page.locator('.cm-line', { hasText: 'protocol: udp' })).toBeVisible();
  await expect(page.locator('.cm-line', { hasText: /^    from: host$/ })).toBeVisible();
  // still missing `to:`: the worker says so, at the flow
  await expect(page.getByTestId('editor-problems')).toContainText('flows[1]: missing required key `to`');
});

test('a shipped scenario is read-only in the editor; duplicating it makes an editable copy under My labs', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw');
  await page.getByTestId('edit-toggle').click();
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('contenteditable', 'false');
  await page.getByTestId('duplicate-lab').click();
  await expect(page).toHaveURL(/scenario=my-host-gw(&|$)/);
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('contenteditable', 'true');
  await page.getByTestId('scenario-picker').click();
  const mine = page.getByTestId('my-labs').locator('[data-my-lab="my-host-gw.yaml"]');
  await expect(mine).toBeVisible();
  await page.getByRole('button', { name: 'Delete my-host-gw.yaml' }).click();
  await expect(mine).toHaveCount(0);
});

test('a .yaml dropped on the page opens as a lab; a file of another kind is refused with a message', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '');
  const drop = async (name: string, text: string) => {
    const dataTransfer = await page.evaluateHandle(
      ([n, t]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], n, { type: 'application/yaml' }));
        return dt;
      },
      [name, text] as const,
    );
    for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
  };
  await drop('notes.txt', 'hello');
  await expect(page.getByTestId('editor-notice')).toHaveText(/notes\.txt is not a \.yaml or \.yml file/);
  await drop('outside.yaml', OTHER_LAB);
  await expect(heading(page)).toHaveText('A lab from outside');
  await expect(page).toHaveURL(/scenario=my-from-outside(&|$)/);
  await expect(page.getByTestId('editor-notice')).toContainText('Opened outside.yaml');
  await expect(page.locator('.cm-line', { hasText: 'id: from-outside' })).toBeVisible();
});

test('the file picker opens a .yaml as a lab', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '');
  await page.getByTestId('edit-toggle').click();
  await page.getByTestId('editor-panel').getByTestId('open-file-input').setInputFiles({ name: 'picked.yml', mimeType: 'application/yaml', buffer: Buffer.from(OTHER_LAB) });
  await expect(heading(page)).toHaveText('A lab from outside');
  expect(await verdict(page)).toBe('delivered');
});

test('an edited lab travels in a link fragment to a fresh browser, and downloads as the same .yaml', async ({ page, browser, consoleProblems }) => {
  void consoleProblems;
  await newLabFromTemplate(page);
  await (await lineNearEnd(page, 'en: "ns1 pings ns2"')).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n    # shared');
  await expect(page.getByTestId('editor-problems')).toContainText('No problems');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-yaml').click()]);
  expect(download.suggestedFilename()).toBe('my-lab.yaml');
  const downloaded = await readFile((await download.path())!, 'utf8');
  expect(downloaded).toContain('    # shared\n');
  expect(downloaded.replace('\n    # shared', '')).toBe(NEW_LAB_TEMPLATE);

  await page.getByTestId('share').click();
  const link = await page.getByTestId('lab-link').inputValue();
  expect(link).toMatch(/#lab=[A-Za-z0-9+\-$]+$/);
  expect(link).not.toContain('?scenario=');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const problems: string[] = [];
  other.on('pageerror', (e) => problems.push(e.message));
  await other.goto(link);
  await expect(heading(other)).toHaveText('Two namespaces on a bridge');
  await expect(other.getByTestId('editor-notice')).toContainText('Opened the lab in the link');
  await expect(await lineNearEnd(other, '# shared')).toBeVisible();
  await expect(other).toHaveURL(/scenario=my-lab(&|$)/);
  expect(new URL(other.url()).hash).toBe(''); // kept under My labs: a reload opens it from there
  expect(await verdict(other)).toBe('delivered');
  expect(problems).toEqual([]);
  await fresh.close();
});

test('a lab too long for a link says so, with its length and the limit', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await newLabFromTemplate(page);
  // text that does not compress: a long comment of pseudo-random characters
  let seed = 7;
  const noise = Array.from({ length: 12_000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[(seed = (seed * 48271) % 2147483647) % 36]).join('');
  await page.locator('.cm-line', { hasText: 'id: my-lab' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(`\n# ${noise}`);
  await expect(page.getByTestId('editor-problems')).toContainText('No problems');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('lab-too-long')).toContainText(/too long for a link: \d+ characters, and links over 8000/);
  await expect(page.getByTestId('share-download-yaml')).toBeVisible();
});

test('?src= opens a YAML fetched over the network as untrusted text, and refuses an HTML page', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await page.route('https://labs.example/lab.yaml', (route) => route.fulfill({ status: 200, contentType: 'text/yaml', body: OTHER_LAB }));
  await page.route('https://labs.example/page.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<img src=x onerror=alert(1)>' }));
  await openLab(page, `?src=${encodeURIComponent('https://labs.example/lab.yaml')}`);
  await expect(heading(page)).toHaveText('A lab from outside');
  await expect(page.getByTestId('editor-notice')).toContainText('Loaded from https://labs.example/lab.yaml. Untrusted data');
  await expect(page.locator('.cm-line', { hasText: 'id: from-outside' })).toBeVisible();

  await openLab(page, `?src=${encodeURIComponent('https://labs.example/page.html')}`);
  await expect(page.getByTestId('editor-notice')).toHaveAttribute('data-tone', 'error');
  await expect(page.getByTestId('editor-notice')).toContainText('got text/html');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  await openLab(page, `?src=${encodeURIComponent('http://labs.example/lab.yaml')}`);
  await expect(page.getByTestId('editor-notice')).toContainText('must be an https:// address');
});
