// The notice for a link's parameters the page ignored (model/urlProblems.ts): the ones visible
// in the link at once, then, when the linked scenario has been read, a variant or flow it does
// not have. An unknown flow opens the scenario's first flow, and the notice says so.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { describeKey } from '../../store/lab';
import { labStore, linkSearch } from '../labStore';
import { linkProblems, scenarioLinkProblems, type UrlProblem } from '../model/urlProblems';
import { fileToParam } from '../url';

interface UrlNoticeState {
  readonly problems: readonly UrlProblem[];
  dismiss(): void;
}

const urlNoticeStore = createStore<UrlNoticeState>()((set) => ({
  problems: linkSearch ? linkProblems(linkSearch, labStore.getState().sources.map((s) => fileToParam(s.file))) : [],
  dismiss: () => set({ problems: [] }),
}));

export function useUrlNotice<T>(selector: (s: UrlNoticeState) => T): T {
  return useStore(urlNoticeStore, selector);
}

/** Once the linked scenario (as written) is described, checks the link's variant and flow against it. */
export function watchLinkProblems(): void {
  const params = new URLSearchParams(linkSearch);
  const file = labStore.getState().file;
  if (file === undefined || fileToParam(file) !== params.get('scenario') || (!params.has('variant') && !params.has('flow'))) return;
  const stop = labStore.subscribe((s) => {
    const described = s.described[describeKey(file, undefined)];
    if (!described || described.status === 'loading') return;
    stop();
    if (described.status !== 'ready') return;
    const found = scenarioLinkProblems(linkSearch, described.scenario);
    if (found.length === 0) return;
    urlNoticeStore.setState((n) => ({ problems: [...n.problems, ...found] }));
    const first = described.scenario.flows[0];
    if (found.some((p) => p.param === 'flow') && s.file === file && s.flow === params.get('flow') && first) void s.selectFlow(first.id);
  });
}
