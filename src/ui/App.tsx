// The page. Full lab: catalogue and flows on the left; scenario, canvas, playback and timeline
// in the middle (or, on the Matrix tab, the reachability matrix); inspector and namespace state
// on the right. `?embed=1`: canvas and playback only, filling an iframe.
import { TopologyCanvas } from './canvas/TopologyCanvas';
import { Inspector } from './inspector/Inspector';
import { embedded, useLab, useT } from './labStore';
import { MatrixView } from './matrix/MatrixView';
import { StatePanels } from './panels/StatePanels';
import { PlaybackBar } from './playback/PlaybackBar';
import { StepsBox } from './playback/StepsBox';
import { usePlaybackDriver } from './playback/usePlaybackDriver';
import { EmbedBar } from './shell/EmbedBar';
import { FlowBuilder } from './shell/FlowBuilder';
import { FlowList } from './shell/FlowList';
import { Header } from './shell/Header';
import { ScenarioHeader } from './shell/ScenarioHeader';
import { TraceSummary } from './shell/TraceSummary';
import { viewPanelId, viewTabId, ViewTabs } from './shell/ViewTabs';

const page = 'bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100';

export function App() {
  usePlaybackDriver();
  return embedded ? <EmbeddedLab /> : <FullLab />;
}

function FullLab() {
  const t = useT();
  const matrix = useLab((s) => s.view === 'matrix');
  return (
    <div className={`flex min-h-screen flex-col lg:h-screen lg:overflow-hidden ${page}`}>
      <Header />
      <div className="grid grid-cols-1 lg:min-h-0 lg:flex-1 lg:grid-cols-[16rem_minmax(0,1fr)_26rem]">
        <aside aria-label={t('layout.flows')} className="order-2 space-y-4 border-slate-200 p-3 lg:order-none lg:overflow-y-auto lg:border-r dark:border-slate-800">
          <FlowList />
          <FlowBuilder />
        </aside>
        <main aria-label={t('layout.canvas')} className="order-1 flex h-[52rem] min-w-0 flex-col gap-2 p-3 lg:order-none lg:h-auto lg:min-h-0">
          <ScenarioHeader />
          <ViewTabs />
          {matrix ? (
            <div
              id={viewPanelId('matrix')}
              role="tabpanel"
              aria-labelledby={viewTabId('matrix')}
              className="min-h-[18rem] flex-1 overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
            >
              <MatrixView />
            </div>
          ) : (
            <div id={viewPanelId('lab')} role="tabpanel" aria-labelledby={viewTabId('lab')} className="flex min-h-0 flex-1 flex-col gap-2">
              <TraceSummary />
              <div className="relative min-h-[18rem] flex-1 overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
                <TopologyCanvas />
              </div>
              <PlaybackBar />
              <StepsBox />
            </div>
          )}
        </main>
        <aside aria-label={t('layout.details')} className="order-3 flex flex-col gap-3 border-slate-200 p-3 lg:order-none lg:min-h-0 lg:overflow-y-auto lg:border-l dark:border-slate-800">
          <Inspector />
          <StatePanels />
        </aside>
      </div>
    </div>
  );
}

function EmbeddedLab() {
  return (
    <div className={`flex h-screen flex-col overflow-hidden ${page}`} data-embed="true">
      <EmbedBar />
      <div className="relative min-h-0 flex-1">
        <TopologyCanvas />
      </div>
      <div className="border-t border-slate-200 p-2 dark:border-slate-800">
        <PlaybackBar />
      </div>
    </div>
  );
}
