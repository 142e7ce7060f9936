// A trace as reviewable text: one line per event (sequence, where, step, what happened) and
// the rule/route that decided, indented. Golden files hold this form.
import type { Trace } from '../../src/engine';

export function renderTrace(trace: Trace): string {
  const lines = [`flow ${trace.flow.id}: ${trace.flow.protocol} ${trace.flow.from.machine}${trace.flow.from.netns ? `/${trace.flow.from.netns}` : ''} -> ${trace.flow.to.addr}${trace.flow.to.port ? `:${trace.flow.to.port}` : ''}`];
  for (const leg of trace.legs) {
    lines.push(`== ${leg.packet} ${leg.verdict}${leg.drop ? ` ${leg.drop.reason} at ${leg.drop.at.machine}${leg.drop.at.netns ? `/${leg.drop.at.netns}` : ''}` : ''}`);
    for (const e of leg.events) {
      const where = `${e.at.machine}${e.at.netns ? `/${e.at.netns}` : ''}${e.at.dev ? `:${e.at.dev}` : ''}`;
      lines.push(`${String(e.seq).padStart(3)} ${where.padEnd(22)} ${e.step.padEnd(24)} ${e.summary.en}`);
      if (e.matched) for (const m of e.matched.split('\n')) lines.push(`${' '.repeat(28)}| ${m}`);
    }
  }
  lines.push(`verdict: ${trace.verdict} (${trace.outcome})`);
  for (const c of trace.conntrack ?? []) {
    lines.push(`conntrack ${c.at.machine}${c.at.netns ? `/${c.at.netns}` : ''}:`);
    for (const e of c.entries) lines.push(`  ${e}`);
  }
  return `${lines.join('\n')}\n`;
}
