// What decided this step: the state objects it used, one line each as their tools print them
// (the ip rule, then the route it led to; the iptables rule; the neighbour or FDB entry; the
// conntrack entry; the listening socket). For a conntrack entry also the line `conntrack -L`
// prints at this step, from the trace's own record of the table.
import type { EventKind } from '../../engine/trace/events';
import { refKey } from '../../engine/trace/refs';
import { tableAt } from '../../engine/trace/state';
import type { Trace, TraceEvent } from '../../engine/trace/types';
import { type MessageKey } from '../../i18n/index';
import { useT } from '../labStore';
import { SectionTitle } from './parts';

function labelKey(kind: EventKind): MessageKey {
  switch (kind) {
    case 'route':
      return 'inspector.matched.route';
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

/** The `conntrack -L` line of the entry the event used, as the table was at `seq`. */
export function conntrackEntryAt(trace: Trace | undefined, event: TraceEvent, seq: number): string | undefined {
  const ref = event.refs?.find((r) => r.type === 'conntrack');
  if (!ref || !trace) return undefined;
  const key = refKey(ref);
  const rows = tableAt([], trace.state, { machine: event.at.machine, netns: event.at.netns, table: 'conntrack', seq });
  return rows.find((r) => r.key === key)?.text;
}

export function MatchedBox({ event, kind, trace, seq }: { event: TraceEvent; kind: EventKind; trace: Trace | undefined; seq: number }) {
  const t = useT();
  const lines = (event.refs ?? []).map((r) => r.line);
  if (lines.length === 0) return null;
  // An IPVS service and real server read as a routing table, not as a connection.
  const ipvs = event.refs?.some((r) => r.type === 'ipvs-service');
  const entry = conntrackEntryAt(trace, event, seq);
  return (
    <div>
      <SectionTitle>{t(ipvs ? 'inspector.matched.other' : labelKey(kind))}</SectionTitle>
      <pre
        data-testid="matched"
        className="overflow-x-auto rounded-lg border border-sky-200 bg-sky-50 px-2.5 py-2 font-mono text-xs leading-5 break-words whitespace-pre-wrap text-sky-950 dark:border-sky-500/30 dark:bg-sky-500/10 dark:text-sky-100"
      >
        {lines.join('\n')}
      </pre>
      {entry && entry !== lines.join('\n') && (
        <div className="mt-2">
          <div className="mb-1 text-[11px] text-slate-500 dark:text-slate-400">{t('inspector.conntrack.now')}</div>
          <pre data-testid="conntrack-entry" className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 px-2.5 py-2 font-mono text-xs leading-5 break-words whitespace-pre-wrap text-slate-700 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-300">
            {entry}
          </pre>
        </div>
      )}
    </div>
  );
}
