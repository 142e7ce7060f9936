// The name a step goes by: the kernel function, and for netfilter the hook and table it ran
// in (`ipt_do_table FORWARD/filter`, `nf_conntrack_in PREROUTING`, a netfilter drop
// `nf_hook_slow FORWARD/filter`). Symbols, not words.
import type { TraceEvent } from './types';

interface HookPlace {
  readonly hook?: string;
  readonly table?: string;
}

export function stepLabel(e: TraceEvent): string {
  if (e.code === 'ipvs.schedule' || e.code === 'ipvs.dnat') return e.fn; // the function names the hook
  const p = (e.code === 'drop' ? (e.params.cause ?? {}) : e.params) as HookPlace;
  if (p.hook === undefined) return e.fn;
  return p.table !== undefined ? `${e.fn} ${p.hook}/${p.table}` : `${e.fn} ${p.hook}`;
}
