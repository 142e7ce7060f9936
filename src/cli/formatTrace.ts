// A trace as a person reads it in a terminal: one section per leg of the conversation,
// one line per event (seq, place, step, summary) with the deciding route/rule indented
// under it, and the drop's reason, explanation and fix at the end.
import type { At, Expectation, Trace } from '../engine/trace/types';
import { describeExpectation, expectationMet, placeName, traceDrop } from '../engine/trace/expectation';
import type { Paint } from './io';

export function formatAt(at: At): string {
  return at.dev ? `${placeName(at)} ${at.dev}` : placeName(at);
}

export function formatFlow(trace: Trace): string {
  const { flow } = trace;
  const to = flow.to.port === undefined ? flow.to.addr : `${flow.to.addr}:${flow.to.port}`;
  return `${flow.id}: ${flow.protocol} ${placeName(flow.from)} → ${to}`;
}

export function formatTrace(trace: Trace, expect: Expectation | undefined, p: Paint, variant?: string): string {
  const lines: string[] = [p.bold(`flow ${formatFlow(trace)}`) + (variant ? ` (variant ${variant})` : '')];
  const events = trace.legs.flatMap((leg) => leg.events);
  const seqWidth = Math.max(1, ...events.map((e) => String(e.seq).length));
  const atWidth = Math.max(0, ...events.map((e) => formatAt(e.at).length));
  const stepWidth = Math.max(0, ...events.map((e) => e.step.length));

  for (const leg of trace.legs) {
    const verdict = leg.verdict === 'delivered' ? p.green(leg.verdict) : p.red(leg.verdict);
    lines.push('', `${p.bold(`── ${leg.packet}`)} · ${verdict}`);
    for (const e of leg.events) {
      const seq = String(e.seq).padStart(seqWidth);
      const at = formatAt(e.at).padEnd(atWidth);
      const step = e.step.padEnd(stepWidth);
      const line = `  ${p.dim(seq)}  ${at}  ${p.cyan(step)}  ${e.summary.en}`;
      lines.push(e.kind === 'drop' ? p.red(line) : line);
      if (e.matched) {
        // A decision may quote several lines (the rule, then the route it led to): align them.
        const indent = `  ${' '.repeat(seqWidth)}  `;
        const [first, ...more] = e.matched.split('\n');
        lines.push(`${indent}${p.dim('matched:')} ${first}`, ...more.map((m) => `${indent}         ${m}`));
      }
    }
  }

  lines.push('');
  const outcome = trace.outcome ? ` (${trace.outcome})` : '';
  lines.push(`verdict: ${trace.verdict === 'delivered' ? p.green('delivered') : p.red('dropped')}${outcome}`);
  const drop = traceDrop(trace);
  if (drop) {
    lines.push(`drop:    ${p.bold(drop.reason)} at ${formatAt(drop.at)}`);
    lines.push(`  why:   ${drop.explain.en}`);
    if (drop.fix) lines.push(`  fix:   ${drop.fix.en}`);
    if (drop.appError) lines.push(`  the application sees: ${drop.appError}`);
  }
  if (expect !== undefined) {
    const met = expectationMet(trace, expect);
    lines.push(`expected: ${describeExpectation(expect)} — ${met ? p.green('met') : p.red('NOT MET')}`);
  }
  return lines.join('\n');
}
