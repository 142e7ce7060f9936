// The flow's drop is the packet's, in the browser, for every scenario × variant × flow: the
// summary's verdict, the flow card's expectation (when the page says it is met), the end view's
// drop box (its reason, place and kernel function) and the scrub's drop mark all say what the
// CLI says (`podpath matrix --all-variants --json`, the same engine run outside the page, whose
// drops parity matches to the kernel's kfree_skb records); and every "Apply the fix" offered
// lands on a variant that declares itself the fix for the one shown.
import { execFileSync } from 'node:child_process';
import { expect, openLab, scenarios, test } from './fixtures';

interface CliCell {
  readonly flow?: string;
  readonly verdict: string;
  readonly reason?: string;
  readonly at?: { readonly machine: string; readonly netns: string; readonly dev?: string };
  readonly fn?: string;
}
interface CliMatrix {
  readonly variant: string | null;
  readonly cells: readonly CliCell[];
}

function cliAnswers(param: string): Map<string, CliCell> {
  const out = execFileSync('node', ['bin/podpath.mjs', 'matrix', `scenarios/${param}.yaml`, '--all-variants', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const answers = new Map<string, CliCell>();
  for (const m of (JSON.parse(out) as { matrices: CliMatrix[] }).matrices) {
    for (const c of m.cells) if (c.flow) answers.set(`${m.variant ?? ''}/${c.flow}`, c);
  }
  return answers;
}

for (const { param, file } of scenarios) {
  test(`${param}: summary, card, end view and CLI agree for every variant and flow`, async ({ page, consoleProblems }) => {
    void consoleProblems;
    test.setTimeout(480_000); // calico-macvlan: 125 conversations, 2.5 min on a busy 2-core machine
    const cli = cliAnswers(param);
    await openLab(page, `?scenario=${param}`);
    let checked = 0;
    let fixes = 0;
    const declared = new Map((file.variants ?? []).map((v) => [v.id, (v as { fixes?: string }).fixes]));
    for (const variant of ['', ...(file.variants ?? []).map((v) => v.id)]) {
      if (variant) await page.getByTestId('variant').selectOption(variant);
      for (const flow of file.flows) {
        const where = `${param} ${variant || 'base'} ${flow.id}`;
        const want = cli.get(`${variant}/${flow.id}`);
        expect(want, `${where}: the CLI traced it`).toBeDefined();
        const card = page.getByTestId('flows').locator(`button[data-flow="${flow.id}"]`);
        await card.click();
        const badge = page.getByTestId('verdict');
        await expect(badge, where).toHaveAttribute('data-trace-flow', flow.id);
        await expect(page).toHaveURL(variant ? new RegExp(`variant=${variant}(&|$)`) : /^(?!.*variant=)/);
        await expect(badge, where).toHaveAttribute('data-verdict', want!.verdict);
        await page.keyboard.press('End');
        // the inspector's full drop box at the end: the flow's drop step's, or the summary under a
        // later answer's death (shown apart, as drop-follow-on)
        const endDrop = page.getByTestId('inspector').locator('[data-testid="drop"]');
        await expect(page.getByTestId('step-counter'), where).toHaveText(/^\s*(\d+)\s*\/\s*\1\s*$/);
        if (want!.verdict === 'dropped') {
          await expect(endDrop.getByTestId('drop-reason'), where).toHaveText(want!.reason!);
          // the same place and kernel function (what parity matches to the kernel's kfree_skb record)
          await expect(endDrop, where).toHaveAttribute('data-at', `${want!.at!.machine}/${want!.at!.netns}/${want!.at!.dev ?? ''}`);
          await expect(endDrop, where).toHaveAttribute('data-fn', want!.fn!);
          await expect(page.locator('[data-drop-mark="flow"]'), where).toHaveCount(1);
          // a card whose expectation the page calls met names the same drop
          const met = (await page.getByTestId('trace-summary').getAttribute('data-met')) === 'true';
          if (met) await expect(card, where).toHaveAttribute('data-expect', want!.reason!);
          // "Apply the fix" offers only a variant declared the fix for this one (fixes:), or the
          // scenario as written when that delivers the flow
          const fix = endDrop.getByTestId('apply-fix');
          if ((await fix.count()) > 0) {
            const target = (await fix.getAttribute('data-variant')) ?? '';
            if (target) expect(declared.get(target), `${where}: fix ${target}`).toBe(variant || 'base');
            else expect(cli.get(`/${flow.id}`)?.verdict, `${where}: back to the scenario as written`).toBe('delivered');
            fixes++;
          }
        } else {
          await expect(endDrop, where).toHaveCount(0);
          await expect(page.locator('[data-drop-mark="flow"]'), where).toHaveCount(0);
        }
        checked++;
      }
    }
    expect(checked).toBe(cli.size);
    test.info().annotations.push({ type: 'fixes checked', description: String(fixes) });
  });
}
