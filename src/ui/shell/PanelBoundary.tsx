// One panel's failure stays in that panel (issue 15): an error while drawing the canvas, the
// inspector, the timeline … shows a message and a report to copy (the error, its stack, the
// scenario, variant, flow and step, the app's version) where the panel was, and the other panels
// keep working. "Try again" draws the panel anew (after the selection changed, say).
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t, type MessageKey } from '../../i18n/index';
import { labStore, playbackStore, useT } from '../labStore';
import { CopyField } from './CopyField';

export type PanelName = 'canvas' | 'inspector' | 'state' | 'steps' | 'playback' | 'editor' | 'flows' | 'matrix' | 'scenario';

interface Props {
  readonly name: PanelName;
  readonly children: ReactNode;
}

interface State {
  readonly error?: Error;
  readonly componentStack?: string;
}

declare global {
  interface Window {
    /** Test hook: the e2e suite sets it (before the page's scripts) to make one panel fail. Inert otherwise. */
    __podpathFailPanel?: string;
  }
}

/** Throws while rendering when the test hook names this panel. */
function FailOnRequest({ name }: { name: PanelName }) {
  if (typeof window !== 'undefined' && window.__podpathFailPanel === name) throw new Error(`test: the ${name} panel was asked to fail`);
  return null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? undefined });
  }

  override render(): ReactNode {
    if (this.state.error) {
      return <PanelFailure name={this.props.name} error={this.state.error} componentStack={this.state.componentStack} onRetry={() => this.setState({ error: undefined, componentStack: undefined })} />;
    }
    return (
      <>
        <FailOnRequest name={this.props.name} />
        {this.props.children}
      </>
    );
  }
}

/** The text a user pastes into an issue: what failed, where in the lab, which build. */
export function panelReport(name: PanelName, error: Error, componentStack?: string): string {
  const lab = labStore.getState();
  const step = playbackStore.getState().index;
  return [
    `podpath ${__PODPATH_VERSION__}: the ${name} panel failed`,
    `error: ${error.name}: ${error.message}`,
    `scenario: ${lab.file ?? '-'}`,
    `variant: ${lab.variant ?? '-'}`,
    `flow: ${lab.flow ?? '-'}`,
    `step: ${step >= 0 ? step + 1 : '-'}`,
    `language: ${lab.lang}`,
    `page: ${window.location.href}`,
    `browser: ${navigator.userAgent}`,
    '',
    'stack:',
    error.stack ?? '(none)',
    ...(componentStack ? ['', 'components:', componentStack.trim()] : []),
  ].join('\n');
}

function PanelFailure({ name, error, componentStack, onRetry }: { name: PanelName; error: Error; componentStack?: string; onRetry: () => void }) {
  const tr = useT();
  const panel = t(labStore.getState().lang, `panel.name.${name}` as MessageKey);
  return (
    <div role="alert" data-testid={`panel-error-${name}`} className="space-y-2 rounded-lg border border-rose-300 bg-white p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-slate-900 dark:text-rose-200">
      <p className="font-medium">{tr('panel.failed', { panel })}</p>
      <p className="font-mono text-xs break-words">{error.message}</p>
      <CopyField label={tr('panel.reportLabel')} value={panelReport(name, error, componentStack)} button={tr('panel.copy')} testId={`panel-report-${name}`} multiline />
      <button type="button" onClick={onRetry} className="rounded-md border border-rose-400 px-2.5 py-1 text-xs font-medium hover:bg-rose-50 dark:border-rose-700 dark:hover:bg-rose-950">
        {tr('panel.retry')}
      </button>
    </div>
  );
}
