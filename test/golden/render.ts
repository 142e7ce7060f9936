// A trace as reviewable text: one line per event (sequence, where, step, what happened in
// English) and the state objects it used, indented; encapsulation and decapsulation also print
// the whole header stack, outer first. Golden files hold this form.
import type { Trace, TraceEvent } from '../../src/engine';
import { formatHeaders } from '../../src/engine/packet/format';
import { eventKind } from '../../src/engine/trace/events';
import { stepLabel } from '../../src/engine/trace/label';
import { finalRows } from '../../src/engine/trace/state';
import { eventText, outcomeText } from '../../src/i18n/trace';

/** The stack with every IPv4 header's protocol, TTL, DF and length spelled out. */
function stack(e: TraceEvent): string {
  return e.packet.map((h) => (h.layer === 'ipv4' ? `IP ${h.src} > ${h.dst} proto ${h.protocol} ttl ${h.ttl}${h.df ? ' DF' : ''} len ${h.length}` : formatHeaders([h]))).join(' | ');
}

export function renderTrace(trace: Trace): string {
  const lines = [`flow ${trace.flow.id}: ${trace.flow.protocol} ${trace.flow.from.machine}${trace.flow.from.netns ? `/${trace.flow.from.netns}` : ''} -> ${trace.flow.to.addr}${trace.flow.to.port ? `:${trace.flow.to.port}` : ''}`];
  for (const leg of trace.legs) {
    lines.push(`== ${leg.packet} ${leg.verdict}${leg.drop ? ` ${leg.drop.reason} at ${leg.drop.at.machine}${leg.drop.at.netns ? `/${leg.drop.at.netns}` : ''}` : ''}`);
    for (const e of leg.events) {
      const where = `${e.at.machine}${e.at.netns ? `/${e.at.netns}` : ''}${e.at.dev ? `:${e.at.dev}` : ''}`;
      lines.push(`${String(e.seq).padStart(3)} ${where.padEnd(22)} ${stepLabel(e).padEnd(24)} ${eventText(e, 'en')}`);
      for (const r of e.refs ?? []) lines.push(`${' '.repeat(28)}| ${r.line}`);
      const kind = eventKind(e.code);
      if (kind === 'encap' || kind === 'decap') lines.push(`${' '.repeat(28)}= ${stack(e)}`);
    }
  }
  lines.push(`verdict: ${trace.verdict} (${outcomeText(trace.outcome, 'en')})`);
  for (const [ns, rows] of finalRows(trace.state, 'conntrack')) {
    if (rows.size === 0) continue;
    const [machine, netns] = ns.split('\u0000');
    lines.push(`conntrack ${machine}${netns ? `/${netns}` : ''}:`);
    for (const row of rows.values()) lines.push(`  ${row.line}`);
  }
  return `${lines.join('\n')}\n`;
}
