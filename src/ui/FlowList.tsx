// The scenario's flows: who talks to whom, and what the scenario expects.
import type { Expectation, Flow } from '../engine/trace/types';
import { pick } from '../i18n/index';
import { ExpectationText } from './Badges';
import { useLab, useT } from './labStore';

export function flowLabel(flow: Flow): string {
  const from = flow.from.netns ? `${flow.from.machine}/${flow.from.netns}` : flow.from.machine;
  const to = flow.to.port === undefined ? flow.to.addr : `${flow.to.addr}:${flow.to.port}`;
  return `${flow.protocol} ${from} → ${to}`;
}

export function FlowList({ flows, expectations }: { flows: readonly Flow[]; expectations: Readonly<Record<string, Expectation>> }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const selected = useLab((s) => s.flow);
  const select = useLab((s) => s.selectFlow);

  return (
    <section aria-labelledby="flows-heading">
      <h2 id="flows-heading" className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {t('flows.heading')}
      </h2>
      {flows.length === 0 && <p className="text-sm text-slate-500">{t('flows.none')}</p>}
      <ul className="space-y-2">
        {flows.map((flow) => {
          const active = flow.id === selected;
          return (
            <li key={flow.id}>
              <button
                type="button"
                onClick={() => void select(flow.id)}
                aria-current={active ? 'true' : undefined}
                className={`w-full rounded-lg border p-3 text-left transition-colors ${
                  active
                    ? 'border-sky-500 bg-sky-50 ring-1 ring-sky-500 dark:bg-sky-500/10'
                    : 'border-slate-200 bg-white hover:border-sky-300 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-700'
                }`}
              >
                <div className="text-sm font-medium text-slate-900 dark:text-slate-100">{flow.title ? pick(flow.title, lang) : flow.id}</div>
                <div className="mt-1 font-mono text-xs text-slate-500 dark:text-slate-400">{flowLabel(flow)}</div>
                <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  {t('flows.expect')}: <ExpectationText expect={expectations[flow.id]} />
                </div>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
