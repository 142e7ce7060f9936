// What decided this step: the route (after the `ip rule` line that chose its table), the
// iptables rule, the neighbour or FDB entry, the conntrack tuple, the listening socket. For
// conntrack and NAT steps also the entry `conntrack -L` prints after the conversation.
import type { EventKind, Trace, TraceEvent } from '../../engine/trace/types';
import { type MessageKey } from '../../i18n/index';
import { conntrackTuple } from '../model/highlight';
import { useT } from '../labStore';
import { SectionTitle } from './parts';

function labelKey(kind: EventKind): MessageKey {
  switch (kind) {
    case 'route':
      return 'inspector.matched.route';
    case 'rule':
      return 'inspector.matched.rule';
    case 'nf-rule':
      return 'inspector.matched.nf-rule';
    case 'neigh':
      return 'inspector.matched.neigh';
    case 'fdb':
      return 'inspector.matched.fdb';
    case 'conntrack':
    case 'nat':
      return 'inspector.matched.conntrack';
    case 'deliver':
      return 'inspector.matched.deliver';
    default:
      return 'inspector.matched.other';
  }
}

/** The `conntrack -L` line of the step's namespace whose original tuple the step matched. */
export function conntrackEntryFor(trace: Trace | undefined, event: TraceEvent): string | undefined {
  const tuple = event.matched ? conntrackTuple(event.matched.split('\n')[0]) : undefined;
  if (!tuple || !trace?.conntrack) return undefined;
  const here = trace.conntrack.find((c) => c.at.machine === event.at.machine && c.at.netns === event.at.netns);
  return here?.entries.find((line) => conntrackTuple(line) === tuple);
}

export function MatchedBox({ event, trace }: { event: TraceEvent; trace: Trace | undefined }) {
  const t = useT();
  if (!event.matched) return null;
  // An IPVS service and real server read as a routing table, not a tuple.
  const isTuple = conntrackTuple(event.matched) !== undefined;
  const key = event.kind === 'nat' && !isTuple ? 'inspector.matched.other' : labelKey(event.kind);
  const entry = (event.kind === 'conntrack' || event.kind === 'nat') && isTuple ? conntrackEntryFor(trace, event) : undefined;
  return (
    <div>
      <SectionTitle>{t(key)}</SectionTitle>
      <pre
        data-testid="matched"
        className="overflow-x-auto rounded-lg border border-sky-200 bg-sky-50 px-2.5 py-2 font-mono text-xs leading-5 break-words whitespace-pre-wrap text-sky-950 dark:border-sky-500/30 dark:bg-sky-500/10 dark:text-sky-100"
      >
        {event.matched}
      </pre>
      {entry && (
        <div className="mt-2">
          <div className="mb-1 text-[11px] text-slate-500 dark:text-slate-400">{t('inspector.conntrack.after')}</div>
          <pre data-testid="conntrack-entry" className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 px-2.5 py-2 font-mono text-xs leading-5 break-words whitespace-pre-wrap text-slate-700 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-300">
            {entry}
          </pre>
        </div>
      )}
    </div>
  );
}
