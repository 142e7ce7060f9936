// The playback's focus on the canvas (where the token is, which namespace glows), handed to
// the node components through context so the nodes array itself stays the same every step.
import { createContext, useContext } from 'react';
import type { CanvasFocus } from '../model/graphFocus';

export const FocusContext = createContext<CanvasFocus | undefined>(undefined);

export function useFocus(): CanvasFocus | undefined {
  return useContext(FocusContext);
}

/** How a node takes part in the current step. */
export type Lit = 'none' | 'here' | 'drop';

export function litOf(focus: CanvasFocus | undefined, id: string): Lit {
  if (!focus || focus.at !== id) return 'none';
  return focus.drop ? 'drop' : 'here';
}
