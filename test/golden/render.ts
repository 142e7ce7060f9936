// A trace as reviewable text: one line per event (sequence, where, step, what happened) and
// the rule/route that decided, indented; encapsulation and decapsulation also print the whole
// header stack, outer first. Golden files hold this form.
import type { Trace, TraceEvent } from '../../src/engine';
import { formatIpv4 } from '../../src/engine/addr/ipv4';
import { formatHeaders } from '../../src/engine/packet/format';

/** The stack with every IPv4 header's protocol, TTL, DF and length spelled out. */
function stack(e: TraceEvent): string {
  return e.packet
    .map((h) => (h.layer === 'ipv4' ? `IP ${formatIpv4(h.src)} > ${formatIpv4(h.dst)} proto ${h.protocol} ttl ${h.ttl}${h.df ? ' DF' : ''} len ${h.length}` : formatHeaders([h])))
    .join(' | ');
}

export function renderTrace(trace: Trace): string {
  const lines = [`flow ${trace.flow.id}: ${trace.flow.protocol} ${trace.flow.from.machine}${trace.flow.from.netns ? `/${trace.flow.from.netns}` : ''} -> ${trace.flow.to.addr}${trace.flow.to.port ? `:${trace.flow.to.port}` : ''}`];
  for (const leg of trace.legs) {
    lines.push(`== ${leg.packet} ${leg.verdict}${leg.drop ? ` ${leg.drop.reason} at ${leg.drop.at.machine}${leg.drop.at.netns ? `/${leg.drop.at.netns}` : ''}` : ''}`);
    for (const e of leg.events) {
      const where = `${e.at.machine}${e.at.netns ? `/${e.at.netns}` : ''}${e.at.dev ? `:${e.at.dev}` : ''}`;
      lines.push(`${String(e.seq).padStart(3)} ${where.padEnd(22)} ${e.step.padEnd(24)} ${e.summary.en}`);
      if (e.matched) for (const m of e.matched.split('\n')) lines.push(`${' '.repeat(28)}| ${m}`);
      if (e.kind === 'encap' || e.kind === 'decap') lines.push(`${' '.repeat(28)}= ${stack(e)}`);
    }
  }
  lines.push(`verdict: ${trace.verdict} (${trace.outcome})`);
  for (const c of trace.conntrack ?? []) {
    lines.push(`conntrack ${c.at.machine}${c.at.netns ? `/${c.at.netns}` : ''}:`);
    for (const e of c.entries) lines.push(`  ${e}`);
  }
  return `${lines.join('\n')}\n`;
}
