// Predict mode for workshops: with ?predict=1 a flow's verdict is hidden until the learner
// guesses; the guess is then scored against the real answer, and the session keeps a score.
import { expect, openLab, test } from './fixtures';

test('network-policy with ?predict=1: the verdict waits for a guess; a wrong and a right guess are scored', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=network-policy&flow=pod-a-to-pod-b&predict=1');
  const question = page.getByTestId('predict-question');
  await expect(question).toBeVisible();
  // nothing says how it ends: no verdict, no expectation on the flow cards, no drop mark, no cross
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  // (the summary holds the question only: no badge, no 'as expected', no outcome)
  await expect(page.getByTestId('trace-summary')).not.toContainText(/NETFILTER_DROP|expected|client sees/);
  await expect(page.getByTestId('overview-verdict')).toHaveCount(0);
  await expect(page.getByTestId('overview-verdict-hidden')).toBeVisible();
  await expect(page.getByTestId('flows')).not.toContainText('NETFILTER_DROP');
  await expect(page.locator('[data-drop-mark]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Ladder' }).click();
  await expect(page.getByTestId('ladder').locator('[data-ladder-arrow]').first()).toBeVisible();
  await expect(page.locator('[data-ladder-drop]')).toHaveCount(0);
  await expect(page.getByTestId('predict-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('predict-score')).toContainText('0/0');
  // and playback waits for the guess: its controls are off, keys and a click on the ladder do nothing
  await expect(page.getByTestId('play')).toBeDisabled();
  await page.getByTestId('ladder').locator('[data-ladder-arrow]').first().click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText(/^\s*0\s*\//);

  // a wrong guess: delivered
  await question.locator('[data-guess="delivered"]').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'dropped');
  const result = page.getByTestId('predict-result');
  await expect(result.getByTestId('predict-verdict')).toHaveAttribute('data-right', 'false');
  await expect(result.getByTestId('predict-place')).toHaveAttribute('data-right', 'false');
  await expect(result.getByTestId('predict-answer')).toHaveText(/^Answer:\s*✕\s*dropped\s*at host1 · NETFILTER_DROP$/);
  await expect(page.getByTestId('predict-score')).toHaveText('Score: verdicts 0/1 · drop machines 0/1');
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', /playing|finished/);
  await expect(page.locator('[data-ladder-drop="host1"]')).toHaveCount(1);

  // the next flow is hidden again; a right guess: dropped at host1
  await page.locator('[data-flow="pod-a-ping-pod-b"]').click();
  await expect(page.getByTestId('predict-question')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await page.getByTestId('predict-question').getByRole('button', { name: 'Dropped at host1' }).click();
  await expect(result.getByTestId('predict-verdict')).toHaveAttribute('data-right', 'true');
  await expect(result.getByTestId('predict-place')).toHaveAttribute('data-right', 'true');
  await expect(page.getByTestId('predict-score')).toHaveText('Score: verdicts 1/2 · drop machines 1/2');
  expect(new URL(page.url()).searchParams.get('predict')).toBe('1');
});

test('the predict toggle turns the mode on and off, in Chinese too', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=flannel-vxlan&flow=pod1-to-pod2&lang=zh-CN');
  await expect(page.getByTestId('verdict')).toBeVisible();
  await page.getByTestId('predict-toggle').click();
  await expect(page.getByTestId('predict-question')).toContainText('会发生什么？');
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('predict')).toBe('1');
  await page.getByTestId('predict-question').getByRole('button', { name: '送达' }).click();
  await expect(page.getByTestId('predict-verdict')).toHaveAttribute('data-right', 'true');
  await expect(page.getByTestId('predict-answer')).toContainText('答案：');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
  await page.getByTestId('predict-toggle').click();
  await expect(page.getByTestId('predict-score')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('predict')).toBeNull();
});

test('a link with step=N in predict mode holds at the start until the guess, then goes to step N', async ({ page, consoleProblems }) => {
  void consoleProblems;
  // where the same link lands without predict mode
  await openLab(page, '?scenario=network-policy&flow=pod-a-to-pod-b&step=5');
  await expect(page.getByTestId('step-counter')).toHaveText(/^\s*5 \/ \d+/);
  const landing = (await page.getByTestId('step-counter').textContent())?.trim();
  await openLab(page, '?scenario=network-policy&flow=pod-a-to-pod-b&predict=1&step=5');
  await expect(page.getByTestId('predict-question')).toBeVisible();
  // nothing of the path is shown: before the first step, no verdict, no step on the canvas
  await expect(page.getByTestId('step-counter')).toHaveText(/^\s*0\s*\//);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await expect(page.getByTestId('timeline').locator('[aria-current="step"]')).toHaveCount(0);
  // the link keeps its step while it waits (a reload still lands there after the guess)
  expect(new URL(page.url()).searchParams.get('step')).toBe('5');

  await page.getByTestId('predict-question').locator('[data-guess="delivered"]').click();
  await expect(page.getByTestId('step-counter')).toHaveText(landing!);
  await expect(page.getByTestId('playback')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'dropped');
});
