// The canvas's own state the rest of the page reads or links to: whether the camera follows
// the packet (`?camera=1`), whether the namespaces a flow does not touch are folded (`?fold=0`
// shows them all), and the namespace the reader last opened from the canvas (the state panels
// show it). A vanilla zustand store, so tests drive it without React.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface OpenedNamespace {
  readonly machine: string;
  readonly netns: string;
  /** Counts every request, so opening the same namespace twice still reaches the panels. */
  readonly seq: number;
}

export interface CanvasState {
  readonly camera: boolean;
  /** "Show all": nothing is folded, whatever the flow touches. */
  readonly showAll: boolean;
  readonly opened?: OpenedNamespace;
  /** CSS px the canvas pane needs to show the drawn lab at a readable zoom (model/readable.ts); 0 before one is drawn. */
  readonly readableHeight: number;
  setCamera(on: boolean): void;
  setShowAll(on: boolean): void;
  /** The reader clicked (or pressed Enter on) a device or namespace: its state panels open. */
  openNamespace(machine: string, netns: string): void;
}

export type CanvasStore = StoreApi<CanvasState>;

export function createCanvasStore(camera = false, showAll = false): CanvasStore {
  return createStore<CanvasState>()((set, get) => ({
    camera,
    showAll,
    readableHeight: 0,
    setCamera(on) {
      set({ camera: on });
    },
    setShowAll(on) {
      set({ showAll: on });
    },
    openNamespace(machine, netns) {
      set({ opened: { machine, netns, seq: (get().opened?.seq ?? 0) + 1 } });
    },
  }));
}
