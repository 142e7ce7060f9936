// Embed mode's one line: the scenario, the verdict and the flow, and a link to the full lab.
// One line at every size down to 480 px: the title gives way first, then the flow, never the
// verdict (which stays a single chip) or the link (a box in the page's theme).
import { ExternalLink } from 'lucide-react';
import { pick } from '../../i18n/index';
import { useDescribed, useLab, useT } from '../labStore';
import { VerdictBadge } from './Badges';
import { flowLabel } from './FlowList';

export function EmbedBar() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const state = useLab((s) => s.trace);
  const full = new URL(window.location.href);
  for (const name of ['embed', 'autoplay', 'loop', 'caption']) full.searchParams.delete(name);
  const title = described?.status === 'ready' ? pick(described.scenario.title, lang) : 'podpath';
  return (
    <div data-testid="embed-bar" className="flex h-8 shrink-0 items-center gap-2 overflow-hidden border-b border-slate-200 px-2 dark:border-slate-800">
      <img src="./favicon.svg" alt="" className="size-4 shrink-0" />
      {/* the title gives way first (it shrinks from its full width), then the flow; the verdict never */}
      <span className="hidden min-w-0 flex-[0_1_auto] truncate text-sm font-semibold sm:block" title={title}>
        {title}
      </span>
      {state.status === 'done' ? (
        <>
          <span aria-live="polite" data-testid="verdict" data-verdict={state.trace.verdict} className="shrink-0 whitespace-nowrap">
            <VerdictBadge verdict={state.trace.verdict} />
          </span>
          <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-600 dark:text-slate-300" title={flowLabel(state.trace.flow)}>
            {flowLabel(state.trace.flow)}
          </span>
        </>
      ) : (
        <span aria-live="polite" className="min-w-0 flex-1 truncate text-xs text-slate-500 dark:text-slate-400">
          {t(state.status === 'running' ? 'trace.running' : 'trace.choose')}
        </span>
      )}
      <a
        href={full.toString()}
        target="_blank"
        rel="noopener"
        data-testid="embed-link"
        className="flex shrink-0 items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-0.5 text-xs font-medium whitespace-nowrap text-sky-700 shadow-xs hover:border-sky-400 dark:border-slate-700 dark:bg-slate-800 dark:text-sky-300"
      >
        {t('app.openFull')}
        <ExternalLink className="size-3" aria-hidden />
      </a>
    </div>
  );
}
