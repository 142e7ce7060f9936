// A long trace can be stopped (issue 15): the Stop button beside "Tracing…" terminates the
// engine worker; the page says the trace was stopped, stays usable, and the next flow is traced
// by a fresh worker. The lab (in the link's fragment) has mangle chains that fan out, 4 jumps
// to the next of 7 chains: about 22,000 matched rules per packet on a, a trace of 44,000 steps
// that takes the worker seconds (under the engine's step limit, so it would finish).
import lz from 'lz-string';
import { expect, test } from './fixtures';

function fanLab(): string {
  const rules: string[] = [];
  for (let i = 1; i <= 7; i++) rules.push(`iptables -t mangle -N FAN${i}`);
  for (let i = 1; i < 7; i++) for (let k = 0; k < 4; k++) rules.push(`iptables -t mangle -A FAN${i} -j FAN${i + 1}`);
  for (let k = 0; k < 4; k++) rules.push('iptables -t mangle -A FAN7 -j MARK --set-mark 1');
  rules.push('iptables -t mangle -A OUTPUT -j FAN1');
  const indent = (lines: string[]) => lines.map((l) => `      ${l}`).join('\n');
  const host = (name: string, addr: string, extra: string[] = []) => `  - name: ${name}
    role: host
    nics: [{ name: eth0, network: lan }]
    script: |
${indent([`ip addr add ${addr}/24 dev eth0`, 'ip link set eth0 up', ...extra])}`;
  return `id: long-trace
title: { en: "A long trace", zh-CN: "A long trace" }
summary: { en: "Chains that fan out", zh-CN: "Chains that fan out" }
tags: [scale]
source: "e2e/cancel.spec.ts"
track: basics
level: 1
networks:
  - { name: lan, kind: switch }
machines:
${host('a', '10.0.0.1', rules)}
${host('b', '10.0.0.2', rules)}
${host('c', '10.0.0.3')}
flows:
  - id: long
    title: { en: "a pings b through the fan", zh-CN: "a pings b through the fan" }
    from: a
    to: 10.0.0.2
    protocol: icmp
  - id: quick
    title: { en: "c pings itself", zh-CN: "c pings itself" }
    from: c
    to: 10.0.0.3
    protocol: icmp
`;
}

test('a long trace can be stopped, and the next one runs', async ({ page, consoleProblems: _ }) => {
  await page.goto(`./#lab=${lz.compressToEncodedURIComponent(fanLab())}`);
  const stop = page.getByTestId('trace-cancel');
  await expect(stop).toBeVisible({ timeout: 30_000 });
  // the button sits in a line whose text changes while the worker runs: Playwright can find it "not
  // stable" until its timeout (seen once in CI), so the click is dispatched to it directly
  await stop.dispatchEvent('click');
  await expect(page.getByTestId('trace-cancelled')).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-trace', 'failed');
  await page.locator('[data-flow="quick"]').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered', { timeout: 30_000 });
});
