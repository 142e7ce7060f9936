// docs/tutorial.md, "Writing your first lab", followed in the page: a new lab from the editor's
// template, then each stage's YAML (the block after `<!-- stage: N flow: ID expect: … -->`) put
// in the editor as the reader would paste it; the lab rebuilds with no problem, the stage's
// flow is picked and played to the end, and it ends the way the tutorial says.
import { markedBlocks, readDoc } from '../test/docs/markdown';
import { expect, openLab, playToEnd, test, verdict } from './fixtures';

const stages = markedBlocks(readDoc('docs/tutorial.md'), 'stage').map(({ marker, body }) => {
  const m = /^(\d+) flow: (\S+) expect: (?:(delivered)|dropped ([A-Z0-9_]+) at (\S+))$/.exec(marker);
  if (!m) throw new Error(`docs/tutorial.md: bad stage marker "${marker}"`);
  return { stage: Number(m[1]), flow: m[2], delivered: m[3] !== undefined, reason: m[4], machine: m[5], yaml: body.code };
});

test('docs/tutorial.md, stage by stage in the editor: each builds, plays and ends as the text says', async ({ page, consoleProblems }) => {
  void consoleProblems;
  test.setTimeout(120_000);
  expect(stages.length).toBeGreaterThanOrEqual(4);
  await openLab(page, '');
  await page.getByTestId('edit-toggle').click();
  await page.getByTestId('new-lab').click();
  const editor = page.getByTestId('yaml-editor');
  await expect(editor).toHaveAttribute('contenteditable', 'true');

  for (const s of stages) {
    const where = `stage ${s.stage}`;
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(s.yaml);
    // rebuilt from this text: busy while the pause before the rebuild runs, then no problem
    const problems = page.getByTestId('editor-problems');
    await expect(problems, where).toHaveAttribute('aria-busy', 'true');
    await expect(problems, where).toHaveAttribute('aria-busy', 'false');
    await expect(problems, where).toContainText('No problems');
    const card = page.getByTestId('flows').locator(`button[data-flow="${s.flow}"]`);
    await card.click();
    await expect(page.getByTestId('verdict'), where).toHaveAttribute('data-trace-flow', s.flow);
    expect(await verdict(page), where).toBe(s.delivered ? 'delivered' : 'dropped');
    await playToEnd(page);
    if (!s.delivered) {
      const drop = page.getByTestId('inspector').locator('[data-testid="drop"]');
      await expect(drop.getByTestId('drop-reason'), where).toHaveText(s.reason!);
      await expect(drop, where).toHaveAttribute('data-at', new RegExp(`^${s.machine}/`));
    }
  }
});
