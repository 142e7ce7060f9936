// Predict mode's state for the page's session (src/ui/model/predict.ts holds the rules): whether
// it is on, the guesses made and the running score. A vanilla zustand store, as playback's is.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialPredict, type PredictAction, type PredictState, reducePredict } from '../model/predict';

export interface PredictStoreState extends PredictState {
  dispatch(action: PredictAction): void;
}

export type PredictStore = StoreApi<PredictStoreState>;

export function createPredictStore(enabled = false): PredictStore {
  return createStore<PredictStoreState>()((set) => ({
    ...initialPredict(enabled),
    dispatch(action) {
      set((s) => reducePredict(s, action));
    },
  }));
}
