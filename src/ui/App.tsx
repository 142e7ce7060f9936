// The page. Full lab: catalogue and flows on the left; scenario, canvas, playback and timeline
// in the middle (or, on the Matrix tab, the reachability matrix); inspector and namespace state
// on the right. `?embed=1`: canvas and playback only, filling an iframe (with `caption=1` a line
// under the canvas explains the step). Each panel sits in a PanelBoundary: one that fails to
// draw shows its error and a report, and the others keep working.
import { type CSSProperties, lazy, Suspense } from 'react';
import { TopologyCanvas } from './canvas/TopologyCanvas';
import { Inspector } from './inspector/Inspector';
import { DropHint } from './editor/DropHint';
import { EditorNotice } from './editor/EditorNotice';
import { useEditor } from './editor/editorStore';
import { embedded, embedOptions, useCanvas, useLab, useT } from './labStore';
import { MatrixView } from './matrix/MatrixView';
import { StatePanels } from './panels/StatePanels';
import { PlaybackBar } from './playback/PlaybackBar';
import { StepsBox } from './playback/StepsBox';
import { usePlaybackDriver } from './playback/usePlaybackDriver';
import { EmbedBar } from './shell/EmbedBar';
import { EmbedCaption } from './shell/EmbedCaption';
import { FlowBuilder } from './shell/FlowBuilder';
import { PanelBoundary } from './shell/PanelBoundary';
import { UrlNotice } from './shell/UrlNotice';
import { FlowList } from './shell/FlowList';
import { Header } from './shell/Header';
import { ScenarioHeader } from './shell/ScenarioHeader';
import { TraceSummary } from './shell/TraceSummary';
import { PLAYBACK_ID, SkipLink } from './shell/SkipLink';
import { Splitter } from './shell/Splitter';
import { useColumns } from './shell/useColumns';
import { viewPanelId, viewTabId, ViewTabs } from './shell/ViewTabs';

// the editor and CodeMirror load when the editor is first opened: the first page load stays small
const EditorPanel = lazy(() => import('./editor/EditorPanel').then((m) => ({ default: m.EditorPanel })));

const FLOWS_ID = 'flows-column';
const DETAILS_ID = 'details-column';
const page = 'bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100';

export function App() {
  usePlaybackDriver();
  return embedded ? <EmbeddedLab /> : <FullLab />;
}

function FullLab() {
  const t = useT();
  const matrix = useLab((s) => s.view === 'matrix');
  const editing = useEditor((s) => s.open);
  const readableHeight = useCanvas((s) => s.readableHeight);
  const { columns, width, resize } = useColumns();
  // From lg up an app shell: the page never scrolls, each column scrolls inside itself and the
  // splitters size the side columns. Below lg the regions stack and the page scrolls as a document.
  const widths = { '--left-col': `${columns.left}px`, '--right-col': `${columns.right}px` } as CSSProperties;
  return (
    <div className={`relative flex min-h-screen flex-col lg:h-dvh lg:min-h-0 lg:overflow-hidden ${page}`}>
      <SkipLink />
      <DropHint />
      <Header />
      <div style={widths} className="flex flex-col lg:min-h-0 lg:flex-1 lg:flex-row">
        <aside id={FLOWS_ID} aria-label={t('layout.flows')} className="relative order-2 space-y-4 p-3 lg:order-none lg:w-(--left-col) lg:shrink-0 lg:overflow-y-auto">
          <PanelBoundary name="flows">
            <FlowList />
            <FlowBuilder />
          </PanelBoundary>
        </aside>
        <Splitter side="left" columns={columns} width={width} label={t('layout.resizeFlows')} controls={FLOWS_ID} onResize={resize} />
        <main aria-label={t('layout.canvas')} className="relative order-1 flex min-w-0 flex-col gap-2 p-3 lg:order-none lg:min-h-0 lg:flex-1 lg:overflow-y-auto">
          <UrlNotice />
          <EditorNotice />
          {/* the variant's explanation can be long: it scrolls inside, the canvas keeps its room */}
          <div data-testid="scenario-region" className="relative shrink-0 lg:max-h-[28%] lg:overflow-y-auto">
            <PanelBoundary name="scenario">
              <ScenarioHeader />
            </PanelBoundary>
          </div>
          <ViewTabs />
          {matrix ? (
            <div
              id={viewPanelId('matrix')}
              role="tabpanel"
              aria-labelledby={viewTabId('matrix')}
              className="min-h-[18rem] flex-1 overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
            >
              <PanelBoundary name="matrix">
                <MatrixView />
              </PanelBoundary>
            </div>
          ) : (
            <div id={viewPanelId('lab')} role="tabpanel" aria-labelledby={viewTabId('lab')} className="flex min-h-0 flex-1 flex-col gap-2">
              {editing && (
                <Suspense fallback={<div className="h-[26rem] shrink-0 rounded-xl border border-slate-200 dark:border-slate-800" />}>
                  <PanelBoundary name="editor">
                    <EditorPanel />
                  </PanelBoundary>
                </Suspense>
              )}
              {/* its own min height would let it shrink under its wrapped text and slide beneath the canvas */}
              <div className="shrink-0">
                <PanelBoundary name="scenario">
                  <TraceSummary />
                </PanelBoundary>
              </div>
              {/* at least the height the lab needs at a readable zoom, leaving the playback bar and a short steps box their room: the steps box shrinks first */}
              <div
                style={{ '--canvas-readable': `${readableHeight}px` } as CSSProperties}
                className="relative h-[min(65vh,34rem)] min-h-[16rem] overflow-hidden rounded-xl border border-slate-200 bg-white lg:h-auto lg:min-h-[clamp(12rem,min(var(--canvas-readable),calc(100%_-_11.5rem)),60vh)] lg:flex-1 dark:border-slate-800 dark:bg-slate-900"
              >
                <PanelBoundary name="canvas">
                  <TopologyCanvas />
                </PanelBoundary>
              </div>
              <div id={PLAYBACK_ID} tabIndex={-1} className="shrink-0 outline-none">
                <PanelBoundary name="playback">
                  <PlaybackBar />
                </PanelBoundary>
              </div>
              <PanelBoundary name="steps">
                <StepsBox />
              </PanelBoundary>
            </div>
          )}
        </main>
        <Splitter side="right" columns={columns} width={width} label={t('layout.resizeDetails')} controls={DETAILS_ID} onResize={resize} />
        <aside id={DETAILS_ID} aria-label={t('layout.details')} className="relative order-3 flex flex-col gap-3 p-3 lg:order-none lg:min-h-0 lg:w-(--right-col) lg:shrink-0 lg:overflow-y-auto">
          <PanelBoundary name="inspector">
            <Inspector />
          </PanelBoundary>
          <PanelBoundary name="state">
            <StatePanels />
          </PanelBoundary>
        </aside>
      </div>
    </div>
  );
}

function EmbeddedLab() {
  return (
    <div className={`flex h-dvh flex-col overflow-hidden ${page}`} data-embed="true">
      <EmbedBar />
      <UrlNotice />
      <div className="relative min-h-0 flex-1">
        <PanelBoundary name="canvas">
          <TopologyCanvas />
        </PanelBoundary>
      </div>
      {embedOptions.caption && <EmbedCaption />}
      <div className="shrink-0 border-t border-slate-200 dark:border-slate-800">
        <PanelBoundary name="playback">
          <PlaybackBar compact />
        </PanelBoundary>
      </div>
    </div>
  );
}
