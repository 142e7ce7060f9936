// Predict mode, for workshops: before a flow is revealed its expectation and verdict are hidden
// and the learner guesses what will happen — delivered, or dropped at a machine; the guess is then
// scored against the trace, and a running score kept for the session. Pure; no React: the page
// keeps a PredictState in a store and reduces it with reducePredict.
import { traceDrop } from '../../engine/trace/expectation';
import type { Flow, Trace } from '../../engine/trace/types';

export type Guess = { readonly verdict: 'delivered' } | { readonly verdict: 'dropped'; readonly at: string };

/** What really happened, as a guess can name it: the verdict and the machine (or network) of the flow's own drop. */
export interface Answer {
  readonly verdict: 'delivered' | 'dropped';
  readonly at?: string;
  readonly reason?: string;
}

export interface Scored {
  readonly guess: Guess;
  readonly answer: Answer;
  readonly verdictRight: boolean;
  /** Whether the guess named the dropping machine; undefined when the packet was delivered (nothing to place). */
  readonly placeRight?: boolean;
}

/** The session's running score: verdicts right of flows guessed, places right of drops guessed at. */
export interface Score {
  readonly flows: number;
  readonly verdicts: number;
  readonly drops: number;
  readonly places: number;
}

export interface PredictState {
  readonly enabled: boolean;
  /** Scored guesses by flow key (flowKey): a flow with one is revealed. */
  readonly guesses: Readonly<Record<string, Scored>>;
  readonly score: Score;
}

export type PredictAction = { readonly type: 'enable'; readonly enabled: boolean } | { readonly type: 'guess'; readonly key: string; readonly guess: Guess; readonly answer: Answer };

export const EMPTY_SCORE: Score = { flows: 0, verdicts: 0, drops: 0, places: 0 };

export function initialPredict(enabled = false): PredictState {
  return { enabled, guesses: {}, score: EMPTY_SCORE };
}

export function answerOf(trace: Pick<Trace, 'verdict' | 'legs'>): Answer {
  if (trace.verdict === 'delivered') return { verdict: 'delivered' };
  const drop = traceDrop(trace);
  return { verdict: 'dropped', ...(drop ? { at: drop.at.machine, reason: drop.reason } : {}) };
}

export function scoreGuess(guess: Guess, answer: Answer): Scored {
  const verdictRight = guess.verdict === answer.verdict;
  if (answer.verdict === 'delivered') return { guess, answer, verdictRight };
  return { guess, answer, verdictRight, placeRight: guess.verdict === 'dropped' && guess.at === answer.at };
}

export function addToScore(score: Score, s: Scored): Score {
  return {
    flows: score.flows + 1,
    verdicts: score.verdicts + (s.verdictRight ? 1 : 0),
    drops: score.drops + (s.placeRight === undefined ? 0 : 1),
    places: score.places + (s.placeRight ? 1 : 0),
  };
}

export function reducePredict(state: PredictState, action: PredictAction): PredictState {
  switch (action.type) {
    case 'enable':
      return { ...state, enabled: action.enabled };
    case 'guess': {
      // one guess per flow: a second would let the learner fish for the answer
      if (!state.enabled || state.guesses[action.key]) return state;
      const scored = scoreGuess(action.guess, action.answer);
      return { ...state, guesses: { ...state.guesses, [action.key]: scored }, score: addToScore(state.score, scored) };
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** One flow of one variant of one scenario (a built flow by what it sends): what a guess is about. */
export function flowKey(sel: { readonly file?: string; readonly variant?: string; readonly flow?: string; readonly custom?: Flow }): string {
  const custom = sel.custom ? ` ${sel.custom.protocol} ${sel.custom.from.machine}/${sel.custom.from.netns} ${sel.custom.to.addr}:${sel.custom.to.port ?? ''}` : '';
  return `${sel.file ?? ''}\u0000${sel.variant ?? ''}\u0000${sel.flow ?? ''}${custom}`;
}

/**
 * Whether the page hides a flow's expectation and verdict — in the trace summary, the flow list,
 * the inspector's overview and drop boxes, the scrub's and timeline's drop marks and the
 * ladder's cross: in predict mode, until the flow is guessed.
 */
export function concealed(state: PredictState, key: string): boolean {
  return state.enabled && state.guesses[key] === undefined;
}

/** The places a learner can name as where the packet dies: the lab's machines, then its networks (a cloud fabric drops too). */
export function guessPlaces(topology: { readonly machines: readonly { readonly name: string }[]; readonly networks: readonly { readonly name: string }[] }): string[] {
  return [...topology.machines.map((m) => m.name), ...topology.networks.map((n) => n.name)];
}
