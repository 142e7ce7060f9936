// Embed mode's one line: the scenario and flow, the verdict, and a link to the full lab.
import { ExternalLink } from 'lucide-react';
import { pick } from '../../i18n/index';
import { useDescribed, useLab, useT } from '../labStore';
import { TraceSummary } from './TraceSummary';

export function EmbedBar() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const full = new URL(window.location.href);
  full.searchParams.delete('embed');
  return (
    <div className="flex items-center gap-3 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
      <img src="./favicon.svg" alt="" className="h-5 w-5" />
      <span className="truncate text-sm font-semibold">{described?.status === 'ready' ? pick(described.scenario.title, lang) : 'podpath'}</span>
      <div className="min-w-0 flex-1">
        <TraceSummary />
      </div>
      <a
        href={full.toString()}
        target="_blank"
        rel="noopener"
        className="flex shrink-0 items-center gap-1 text-xs text-sky-700 hover:underline dark:text-sky-300"
      >
        {t('app.openFull')}
        <ExternalLink className="h-3 w-3" aria-hidden />
      </a>
    </div>
  );
}
