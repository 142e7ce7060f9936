// A trace as a person reads it in a terminal: one section per leg of the conversation,
// one line per event (seq, place, step, what happened) with the state objects it used
// indented under it, and the drop's reason, explanation and fix at the end. The words come
// from src/i18n/trace, in the language asked for.
import { placeName, describeExpectation, expectationMet, traceDrop } from '../engine/trace/expectation';
import type { At, Expectation, Trace } from '../engine/trace/types';
import { dropText, dropWords, eventText, outcomeText, stepLabel, type TraceLang } from '../i18n/trace';
import { warningText } from '../i18n';
import type { Paint } from './io';

export function formatAt(at: At): string {
  return at.dev ? `${placeName(at)} ${at.dev}` : placeName(at);
}

export function formatFlow(trace: Trace): string {
  const { flow } = trace;
  const to = flow.to.port === undefined ? flow.to.addr : `${flow.to.addr}:${flow.to.port}`;
  return `${flow.id}: ${flow.protocol} ${placeName(flow.from)} → ${to}`;
}

export function formatTrace(trace: Trace, expect: Expectation | undefined, p: Paint, variant?: string, lang: TraceLang = 'en'): string {
  const lines: string[] = [p.bold(`flow ${formatFlow(trace)}`) + (variant ? ` (variant ${variant})` : '')];
  // what the lab sets that podpath does not model: said first, so no step below is read as its effect
  for (const w of trace.warnings ?? []) {
    const where = `${w.machine}${w.netns ? `/${w.netns}` : ''}`;
    lines.push(p.yellow(`warning: ${w.loc.file}:${w.loc.line}:${w.loc.col}: ${where}: ${w.key}=${w.value}: ${warningText(w, lang)}`));
  }
  const events = trace.legs.flatMap((leg) => leg.events);
  const seqWidth = Math.max(1, ...events.map((e) => String(e.seq).length));
  const atWidth = Math.max(0, ...events.map((e) => formatAt(e.at).length));
  const stepWidth = Math.max(0, ...events.map((e) => stepLabel(e).length));

  for (const leg of trace.legs) {
    const verdict = leg.verdict === 'delivered' ? p.green(leg.verdict) : p.red(leg.verdict);
    lines.push('', `${p.bold(`── ${leg.packet}`)} · ${verdict}`);
    for (const e of leg.events) {
      const seq = String(e.seq).padStart(seqWidth);
      const at = formatAt(e.at).padEnd(atWidth);
      const step = stepLabel(e).padEnd(stepWidth);
      const line = `  ${p.dim(seq)}  ${at}  ${p.cyan(step)}  ${eventText(e, lang)}`;
      lines.push(e.code === 'drop' ? p.red(line) : line);
      const used = (e.refs ?? []).map((r) => r.line);
      if (used.length) {
        // A decision may use several objects (the rule, then the route it led to): align them.
        const indent = `  ${' '.repeat(seqWidth)}  `;
        const [first, ...more] = used;
        lines.push(`${indent}${p.dim('matched:')} ${first}`, ...more.map((m) => `${indent}         ${m}`));
      }
    }
  }

  lines.push('');
  lines.push(`verdict: ${trace.verdict === 'delivered' ? p.green('delivered') : p.red('dropped')} (${outcomeText(trace.outcome, lang)})`);
  const drop = traceDrop(trace);
  if (drop) {
    const words = dropWords(drop, lang);
    lines.push(`drop:    ${p.bold(drop.reason)} at ${formatAt(drop.at)} (${drop.fn})`);
    if (drop.cause) lines.push(`  what:  ${dropText(drop, lang)}`);
    lines.push(`  why:   ${words.explain}`);
    lines.push(`  fix:   ${words.fix}`);
    lines.push(`  app:   ${words.app}`);
    if (drop.appError) lines.push(`  the application sees: ${drop.appError}`);
  }
  if (expect !== undefined) {
    const met = expectationMet(trace, expect);
    lines.push(`expected: ${describeExpectation(expect)} — ${met ? p.green('met') : p.red('NOT MET')}`);
  }
  return lines.join('\n');
}
