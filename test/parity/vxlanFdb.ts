// VXLAN learning: after a flow, `bridge fdb show` in every namespace gives the entries vxlan
// learning added (vxlan_snoop), line for line against the trace's vxlan.learn events.
import type { Trace } from '../../src/engine/trace/types';

/** Learned vxlan FDB lines (`bridge fdb show`, no `permanent`) of one namespace, keyed `machine/netns|line`. */
export function parseLearned(key: string, text: string): string[] {
  return text.split('\n').filter((l) => / dst \S+ self\s*$/.test(l)).map((l) => `${key}|${l.trim()}`);
}

/** What the trace says was learned (vxlan_snoop events), keyed as parseLearned does. */
export function engineLearned(trace: Trace): Set<string> {
  const out = new Set<string>();
  for (const leg of trace.legs) {
    for (const e of leg.events) if (e.code === 'vxlan.learn') for (const r of e.refs ?? []) out.add(`${e.at.machine}/${e.at.netns}|${r.line.trim()}`);
  }
  return out;
}
