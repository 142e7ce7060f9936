// The state of one namespace as Linux prints it — `ip addr`, `ip route show table all`,
// `ip rule`, `ip neigh`, `bridge fdb`, `iptables-save -c`, `ipvsadm -Ln`, `conntrack -L` — as it
// was at the current step, with the lines the step used highlighted and those it changed
// marked. The namespace follows the packet unless the user picks one; the tab follows what the
// step used unless the user picks one.
import { LoaderCircle, TriangleAlert } from 'lucide-react';
import { eventKind } from '../../engine/trace/events';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { stateKey } from '../../store/lab';
import { autoPanel, decidingEvent, highlightLines, type Panel, PANELS, usedKeys } from '../model/highlight';
import { alignedWithBuilt, panelAt, touched, type PanelAt } from '../model/panelLines';
import { panelSwitch } from '../model/variantDiff';
import { pick as pickText } from '../../i18n/index';
import { labStore, useCanvas, useCurrentStep, useDescribed, useLab, useSteps, usePlayback, useTopology, useTrace, useT } from '../labStore';
import { Card, namespaceLabel } from '../inspector/parts';
import { NamespacePicker } from './NamespacePicker';
import { type Namespace, namespacesOf, nsKey, packetNamespace } from './namespaces';
import { COMMANDS, PanelTabs, panelId, tabId } from './PanelTabs';
import { PanelText } from './PanelText';

const DEFAULT_PANEL: Panel = 'route';

export function StatePanels() {
  const t = useT();
  const base = useId();
  const topology = useTopology();
  const trace = useTrace();
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  const step = useCurrentStep();
  const file = useLab((s) => s.file);
  const variant = useLab((s) => s.variant);

  const known = useMemo(() => namespacesOf(topology), [topology]);
  const [follow, setFollow] = useState(true);
  const [picked, setPicked] = useState<Namespace | undefined>(undefined);
  const packetNs = packetNamespace(steps, index, known, trace?.flow);
  const pickedKnown = picked && known.some((n) => nsKey(n) === nsKey(picked)) ? picked : undefined;
  const shown = follow ? packetNs : (pickedKnown ?? packetNs);

  // A device or namespace opened on the canvas: show it (no longer following the packet).
  const card = useRef<HTMLElement>(null);
  const opened = useCanvas((s) => s.opened);
  useEffect(() => {
    if (!opened) return;
    setPicked({ machine: opened.machine, netns: opened.netns });
    setFollow(false);
    card.current?.scrollIntoView({ block: 'nearest' });
  }, [opened]);

  const machine = shown?.machine;
  const netns = shown?.netns;
  useEffect(() => {
    if (machine !== undefined && netns !== undefined) void labStore.getState().loadState(machine, netns);
  }, [file, variant, machine, netns]);

  const load = useLab((s) => (s.file !== undefined && shown ? s.states[stateKey(s.file, s.variant, shown.machine, shown.netns)] : undefined));

  // After a variant switch, the same namespace as built before it: its lines that are new now are marked.
  const from = useLab((s) => s.switchedFrom);
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const fromVariant = described?.status === 'ready' && from?.variant !== undefined ? described.scenario.variants.find((v) => v.id === from.variant) : undefined;
  const variantTitle = fromVariant ? pickText(fromVariant.title, lang) : undefined;
  useEffect(() => {
    if (from && machine !== undefined && netns !== undefined) void labStore.getState().loadState(machine, netns, from.variant ?? '');
  }, [file, from, machine, netns]);
  const before = useLab((s) => (from && s.file !== undefined && shown ? s.states[stateKey(s.file, from.variant, shown.machine, shown.netns)] : undefined));

  // Every panel's lines at this step: the lab as built, with the conversation's changes so far.
  const seq = step?.event.seq ?? -1;
  const panels = useMemo(() => {
    const out: Partial<Record<Panel, PanelAt>> = {};
    if (load?.status !== 'ready' || machine === undefined || netns === undefined) return out;
    for (const p of PANELS) out[p] = panelAt(p, load.state[p] ?? [], trace, machine, netns, seq);
    return out;
  }, [load, trace, machine, netns, seq]);

  const conntrackHere = machine !== undefined && netns !== undefined && touched(trace, 'conntrack', machine, netns);
  const available = PANELS.filter((p) => (p === 'ipvs' ? (panels[p]?.lines.length ?? 0) > 0 : p === 'conntrack' ? conntrackHere : true));

  // The current step's objects, only when it happens in the namespace shown.
  const here = step && shown && step.event.at.machine === shown.machine && step.event.at.netns === shown.netns ? decidingEvent(step) : undefined;
  const highlights = useMemo(() => {
    const out: Partial<Record<Panel, number[]>> = {};
    const keys = usedKeys(here);
    for (const p of PANELS) {
      const lines = highlightLines(panels[p]?.lines ?? [], keys.get(p));
      if (lines.length > 0) out[p] = lines;
    }
    return out;
  }, [here, panels]);
  const hasMatch = (p: Panel) => (highlights[p]?.length ?? 0) > 0 && available.includes(p);

  // The tab: the user's choice for this step (and namespace) wins; else what the step matched;
  // else whatever showed before.
  const stepKey = `${index}\u0000${shown ? nsKey(shown) : ''}`;
  const [tabState, setTabState] = useState<{ tab: Panel; key: string; manual: boolean }>({ tab: DEFAULT_PANEL, key: '', manual: false });
  const auto = here ? autoPanel(eventKind(here.code), hasMatch) : undefined;
  const wanted = tabState.key === stepKey && tabState.manual ? tabState.tab : (auto ?? tabState.tab);
  const selected = available.includes(wanted) ? wanted : available.includes(DEFAULT_PANEL) ? DEFAULT_PANEL : available[0];
  // Remember what shows, so the next step without a match stays on it. Set while rendering (React
  // renders again at once, before committing) rather than in an effect, which would commit every
  // playback step twice.
  if (tabState.key !== stepKey || tabState.tab !== wanted) setTabState({ tab: wanted, key: stepKey, manual: tabState.key === stepKey && tabState.manual });

  const choose = (p: Panel) => setTabState({ tab: p, key: stepKey, manual: true });
  const pick = (ns: Namespace) => {
    setPicked(ns);
    setFollow(false);
  };
  const toggleFollow = () => {
    if (follow && shown) setPicked(shown);
    setFollow(!follow);
  };

  const label = shown ? namespaceLabel(shown.machine, shown.netns) : '';
  const current = panels[selected];
  // the same array while the lines are the same: a long panel's widest line is measured once
  const texts = useMemo(() => current?.lines.map((l) => l.text), [current?.lines]);
  const switched =
    from && before?.status === 'ready' && load?.status === 'ready' && current
      ? panelSwitch(before.state[selected] ?? [], load.state[selected] ?? [], current.lines, alignedWithBuilt(selected))
      : undefined;
  const fromTitle = from ? (from.variant === undefined ? t('variant.base') : (variantTitle ?? from.variant)) : '';

  return (
    <Card ref={card} aria-label={t('panels.label')} data-testid="state-panels" data-namespace={label} className="overflow-hidden">
      <div className="space-y-2 border-b border-slate-200 px-3 py-2.5 dark:border-slate-800">
        <h2 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{t('panels.label')}</h2>
        {known.length > 0 && <NamespacePicker namespaces={known} shown={shown} follow={follow} onPick={pick} onToggleFollow={toggleFollow} />}
      </div>
      {known.length === 0 || !shown ? (
        <p className="px-3 py-4 text-sm text-slate-500 dark:text-slate-400">{t('panels.none')}</p>
      ) : (
        <>
          {!follow && packetNs && step && nsKey(packetNs) !== nsKey(shown) && (
            <p className="border-b border-slate-200 bg-slate-50 px-3 py-1 text-[11px] text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              {t('panels.elsewhere', { ns: namespaceLabel(packetNs.machine, packetNs.netns) })}
            </p>
          )}
          <PanelTabs base={base} panels={available} selected={selected} matched={hasMatch} label={t('panels.tabs', { ns: label })} onSelect={choose} />
          <div role="tabpanel" id={panelId(base, selected)} aria-labelledby={tabId(base, selected)} data-panel={selected}>
            <div className="flex items-center gap-1.5 border-b border-slate-200 bg-slate-50 px-3 py-1 font-mono text-[11px] text-slate-500 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
              <span className="text-slate-500 dark:text-slate-400">{label} #</span>
              <span className="text-slate-700 dark:text-slate-200">{COMMANDS[selected]}</span>
            </div>
            {trace && (
              <p className="bg-slate-50 px-3 pt-1.5 text-[11px] text-slate-500 dark:bg-slate-950 dark:text-slate-400" data-testid="panel-when">
                {step ? t('panels.atStep', { n: step.index + 1 }) : t('panels.asBuilt')}
              </p>
            )}
            {load?.status === 'ready' ? (
              current && texts && texts.length > 0 ? (
                <PanelText
                  lines={texts}
                  highlighted={highlights[selected] ?? []}
                  changed={current.changed}
                  switched={switched?.added}
                  switchedTitle={t('panels.switchedLine', { from: fromTitle })}
                />
              ) : (
                <p className="bg-slate-50 px-3 py-3 text-xs text-slate-500 italic dark:bg-slate-950 dark:text-slate-400" data-testid="panel-empty">
                  {t('panels.empty', { command: COMMANDS[selected] })}
                </p>
              )
            ) : load?.status === 'failed' ? (
              <p className="flex items-start gap-2 px-3 py-3 text-xs text-amber-800 dark:text-amber-300">
                <TriangleAlert aria-hidden="true" className="size-4 shrink-0" />
                {t('panels.failed', { message: load.message })}
              </p>
            ) : (
              <p className="flex items-center gap-2 px-3 py-3 text-xs text-slate-500 dark:text-slate-400">
                <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" />
                {t('panels.loading')}
              </p>
            )}
            {switched && switched.removed.length > 0 && (
              <div data-testid="panel-switched-gone" className="border-t border-slate-200 bg-slate-50 px-3 py-1.5 text-[11px] dark:border-slate-800 dark:bg-slate-950">
                <p className="text-slate-500 dark:text-slate-400">{t('panels.switchedGone', { from: fromTitle })}</p>
                <ul className="font-mono text-[11.5px] leading-5 text-rose-800 line-through decoration-rose-400 dark:text-rose-300">
                  {switched.removed.map((line, i) => (
                    <li key={i} className="whitespace-pre">
                      {line}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
