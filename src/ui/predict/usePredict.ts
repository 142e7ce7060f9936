// Predict mode as the page's components read it: whether the chosen flow (or a flow of the list)
// is still hidden, its scored guess, and the session's score.
import { useStore } from 'zustand';
import { concealed, flowKey, type PredictState } from '../model/predict';
import { predictStore, useLab } from '../labStore';

export function usePredict<T>(selector: (state: PredictState) => T): T {
  return useStore(predictStore, selector);
}

/** The key of the chosen flow, or of another flow of the chosen scenario and variant. */
export function useFlowKey(flowId?: string): string {
  return useLab((s) => flowKey(flowId === undefined || flowId === s.flow ? s : { file: s.file, variant: s.variant, flow: flowId }));
}

/** True while the page hides the flow's expectation and verdict (predict mode, not guessed yet). */
export function useConcealed(flowId?: string): boolean {
  const key = useFlowKey(flowId);
  return usePredict((p) => concealed(p, key));
}
