// What makes the playback move: a timer that ticks while playing and the page's keyboard.
// Both talk to the store directly (subscribe / getState), so the component that calls this
// hook never re-renders on a tick.
import { useEffect } from 'react';
import { type PlaybackState, tickInterval } from '../../store/playback';
import { awaitingGuess, jump, playbackStore, predictStore } from '../labStore';
import { describeTarget, keyCommand } from './keys';

/** Starting from before the first step shows it at once; every later step waits its interval. */
function delayFor(p: PlaybackState): number {
  return p.index < 0 ? 0 : tickInterval(p.speed);
}

export function usePlaybackDriver(): void {
  // The timer: one pending tick at most, rescheduled whenever the step, status or speed changes.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (p: PlaybackState) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (p.status !== 'playing') return;
      // predict mode: nothing moves before the learner's guess
      if (awaitingGuess()) {
        p.dispatch({ type: 'pause' });
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        playbackStore.getState().dispatch({ type: 'tick' });
      }, delayFor(p));
    };
    schedule(playbackStore.getState());
    const unsubscribe = playbackStore.subscribe((p, prev) => {
      if (p.status !== prev.status || p.index !== prev.index || p.speed !== prev.speed) schedule(p);
    });
    const unsubscribePredict = predictStore.subscribe(() => schedule(playbackStore.getState()));
    return () => {
      unsubscribe();
      unsubscribePredict();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  // The keyboard.
  useEffect(() => {
    // A Space we took on keydown: its keyup must not click the focused button (Firefox does).
    let spaceTaken = false;
    const onKeyDown = (e: KeyboardEvent) => {
      if (awaitingGuess()) return;
      const p = playbackStore.getState();
      const command = keyCommand(e, describeTarget(e.target), p.total);
      if (command === null) return;
      e.preventDefault();
      if (e.key === ' ' || e.key === 'Spacebar') spaceTaken = true;
      if (command === 'swallow') return;
      if (command.type === 'jump') jump(command.to);
      else p.dispatch(command);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if ((e.key === ' ' || e.key === 'Spacebar') && spaceTaken) {
        spaceTaken = false;
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
