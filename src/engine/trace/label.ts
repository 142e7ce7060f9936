// The name a step goes by: the kernel function, and for netfilter the hook and table it ran
// in (`ipt_do_table FORWARD/filter`, `nf_conntrack_in PREROUTING`). Symbols, not words.
import type { TraceEvent } from './types';

export function stepLabel(e: TraceEvent): string {
  const p = e.params as { readonly hook?: string; readonly table?: string };
  if (p.hook === undefined || e.code === 'ipvs.schedule' || e.code === 'ipvs.dnat') return e.fn;
  return p.table !== undefined ? `${e.fn} ${p.hook}/${p.table}` : `${e.fn} ${p.hook}`;
}
