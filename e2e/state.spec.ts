// The state panels show the namespace as it was at the current step: during a Service
// handshake the conntrack entry appears when the SYN's entry is confirmed and changes state when
// the SYN-ACK passes, and iptables-save -c counts the packets the rules saw so far. The steps
// are found from the engine's own trace of the flow, not hard-coded.
import { buildWorld } from '../src/engine';
import { worldSpecFor } from '../src/scenario';
import { loadScenarioFile } from '../src/scenario/node';
import { expect, openLab, test } from './fixtures';

const FLOW = 'pod-a-to-clusterip';

function ctSteps() {
  const loaded = loadScenarioFile('scenarios/services-iptables.yaml');
  if (!loaded.ok) throw new Error('services-iptables does not load');
  const flow = loaded.scenario.flows.find((f) => f.id === FLOW)!;
  const trace = buildWorld(worldSpecFor(loaded.scenario)).trace(flow);
  const steps = trace.legs.flatMap((leg) => leg.events.map((e) => ({ leg: leg.packet, e })));
  const confirm = steps.findIndex((s) => s.leg === 'SYN' && s.e.code === 'ct.confirm');
  const synAck = steps.findIndex((s) => s.leg === 'SYN-ACK' && s.e.code === 'ct.known');
  const dnat = steps.findIndex((s) => s.leg === 'SYN' && s.e.code === 'nf.rule' && s.e.params.table === 'nat');
  if (confirm < 1 || synAck <= confirm || dnat < 0) throw new Error('the flow no longer has the steps this test reads');
  return { confirm, synAck, dnat, at: steps[confirm].e.at };
}

test('conntrack -L follows the handshake: the entry appears at the SYN, turns SYN_RECV at the SYN-ACK', async ({ page, consoleProblems }) => {
  void consoleProblems;
  const { confirm, synAck, at } = ctSteps();
  const panels = page.getByTestId('state-panels');
  const conntrack = panels.getByRole('tab', { name: /conntrack/ });

  // the step before the SYN's entry is confirmed: the table is still empty
  await openLab(page, `?scenario=services-iptables&flow=${FLOW}&step=${confirm}`);
  await expect(panels).toHaveAttribute('data-namespace', at.netns ? `${at.machine}/${at.netns}` : at.machine);
  await conntrack.click();
  await expect(panels.getByTestId('panel-empty')).toBeVisible();

  // the confirm step: the entry appears, unreplied, marked as the one this step used
  await openLab(page, `?scenario=services-iptables&flow=${FLOW}&step=${confirm + 1}`);
  await panels.getByRole('tab', { name: /conntrack/ }).click();
  const entry = panels.locator('[data-panel="conntrack"] [data-line]').first();
  await expect(entry).toContainText('SYN_SENT');
  await expect(entry).toContainText('[UNREPLIED]');
  await expect(entry).toHaveAttribute('data-highlight', 'true');

  // the SYN-ACK's conntrack step: the same entry, now SYN_RECV and replied
  await openLab(page, `?scenario=services-iptables&flow=${FLOW}&step=${synAck + 1}`);
  await panels.getByRole('tab', { name: /conntrack/ }).click();
  const now = panels.locator('[data-panel="conntrack"] [data-line]').first();
  await expect(now).toContainText('SYN_RECV');
  await expect(now).not.toContainText('[UNREPLIED]');
  await expect(now).toHaveAttribute('data-changed', 'true');
});

test('iptables-save -c counts what the rules saw up to the step', async ({ page, consoleProblems }) => {
  void consoleProblems;
  const { dnat } = ctSteps();
  const panels = page.getByTestId('state-panels');
  await openLab(page, `?scenario=services-iptables&flow=${FLOW}&step=${dnat + 1}`);
  await panels.getByRole('tab', { name: /iptables/ }).click();
  const hit = panels.locator('[data-panel="iptables"] [data-highlight="true"]').first();
  await expect(hit).toContainText(/^\[1:\d+\] -A /);
  // before the SYN reached the rule, its counter was zero
  await openLab(page, `?scenario=services-iptables&flow=${FLOW}&step=1`);
  await panels.getByRole('tab', { name: /iptables/ }).click();
  await expect(panels.locator('[data-panel="iptables"] [data-line]').filter({ hasText: /^\[[1-9]\d*:/ })).toHaveCount(0);
});
