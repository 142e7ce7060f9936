// The playback's focus on the canvas (where the token is, which namespace glows), handed to
// the node components through a small store in context, so the nodes array itself stays the
// same every step and a node re-renders only when its own part in the step changes (a context
// value would re-render every node on every step).
import { createContext, useContext } from 'react';
import { createStore, type StoreApi, useStore } from 'zustand';
import type { CanvasFocus } from '../model/graphFocus';

export type FocusStore = StoreApi<{ readonly focus?: CanvasFocus }>;

export function createFocusStore(): FocusStore {
  return createStore<{ readonly focus?: CanvasFocus }>()(() => ({}));
}

export const FocusContext = createContext<FocusStore | undefined>(undefined);

const none = createFocusStore();

/** How a node takes part in the current step. */
export type Lit = 'none' | 'here' | 'drop';

export function litOf(focus: CanvasFocus | undefined, id: string): Lit {
  if (!focus || focus.at !== id) return 'none';
  return focus.drop ? 'drop' : 'here';
}

/** Whether the token sits on this node (and dropped there). */
export function useLit(id: string): Lit {
  return useStore(useContext(FocusContext) ?? none, (s) => litOf(s.focus, id));
}

/** Whether this namespace or network is the step's place (and the packet dropped there). */
export function usePlaceLit(id: string): Lit {
  return useStore(useContext(FocusContext) ?? none, (s) => (s.focus?.place !== id ? 'none' : s.focus.drop ? 'drop' : 'here'));
}

/** The node the keyboard's arrow keys rest on (one tab stop for the whole canvas). */
export const KeyboardFocusContext = createContext<string | undefined>(undefined);

export function useKeyboardFocus(id: string): boolean {
  return useContext(KeyboardFocusContext) === id;
}

/** The DOM id of a node's element, for aria-activedescendant (graph ids hold '/' and ':'). */
export function domIdOf(nodeId: string): string {
  return `pp-node-${nodeId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/** The ring the keyboard focus draws (a node's own lit ring stays visible beside it). */
export const KBD_RING = 'outline-3 outline-offset-2 outline-sky-500 dark:outline-sky-400';
