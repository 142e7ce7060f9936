// The scenario's flows: who talks to whom, and what the chosen variant expects of each.
import type { Expectation, Flow } from '../../engine/trace/types';
import { pick } from '../../i18n/index';
import { formatEndpoint, formatTarget } from '../../scenario/endpoints';
import { CUSTOM_FLOW_ID } from '../../store/lab';
import { useDescribed, useLab, useT } from '../labStore';
import { useConcealed } from '../predict/usePredict';
import { ExpectationText } from './Badges';
import { own } from '../../scenario/own';

export function flowLabel(flow: Flow): string {
  return `${flow.protocol} ${formatEndpoint(flow.from)} → ${formatTarget(flow.to)}`;
}

export function FlowList() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const selected = useLab((s) => s.flow);
  const custom = useLab((s) => s.custom);
  const select = useLab((s) => s.selectFlow);
  const described = useDescribed();
  if (described?.status !== 'ready') return null;
  const { flows } = described.scenario;
  const expectations: Readonly<Record<string, Expectation>> = described.expectations;

  return (
    <section aria-labelledby="flows-heading" data-testid="flows">
      <h2 id="flows-heading" className="mb-2 px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {t('flows.heading')}
      </h2>
      {flows.length === 0 && <p className="px-1 text-sm text-slate-500">{t('flows.none')}</p>}
      <ul className="space-y-1.5">
        {flows.map((flow) => (
          <li key={flow.id}>
            <FlowButton
              active={flow.id === selected}
              onClick={() => void select(flow.id)}
              title={flow.title ? pick(flow.title, lang) : flow.id}
              label={flowLabel(flow)}
              expect={own(expectations, flow.id)}
              id={flow.id}
            />
          </li>
        ))}
        {selected === CUSTOM_FLOW_ID && custom && (
          <li>
            <FlowButton active onClick={() => undefined} title={t('builder.custom')} label={flowLabel(custom)} id={CUSTOM_FLOW_ID} note={t('flows.custom')} />
          </li>
        )}
      </ul>
    </section>
  );
}

function FlowButton(props: { active: boolean; onClick(): void; title: string; label: string; expect?: Expectation; id: string; note?: string }) {
  const t = useT();
  // predict mode: the expectation would give the answer away
  const concealed = useConcealed(props.id);
  const dropped = !concealed && props.expect !== undefined && props.expect !== 'delivered';
  return (
    <button
      type="button"
      onClick={props.onClick}
      aria-current={props.active ? 'true' : undefined}
      data-flow={props.id}
      data-expect={props.expect === undefined ? undefined : props.expect === 'delivered' ? 'delivered' : props.expect.dropped}
      className={`w-full rounded-lg border px-2.5 py-2 text-left transition-colors ${
        props.active
          ? 'border-sky-500 bg-sky-50 ring-1 ring-sky-500 dark:bg-sky-500/10'
          : 'border-slate-200 bg-white hover:border-sky-300 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-700'
      }`}
    >
      <div className="text-sm leading-snug font-medium text-slate-900 dark:text-slate-100">{props.title}</div>
      <div className="mt-0.5 truncate font-mono text-[11px] text-slate-600 dark:text-slate-400" title={props.label}>
        {props.label}
      </div>
      <div className={`mt-0.5 text-[11px] ${dropped ? 'text-rose-700 dark:text-rose-400' : 'text-slate-600 dark:text-slate-400'}`}>
        {props.note ?? (concealed ? (
          t('predict.flowHidden')
        ) : (
          <>
            {t('flows.expect')}: <ExpectationText expect={props.expect} />
          </>
        ))}
      </div>
    </button>
  );
}
