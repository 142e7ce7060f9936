// How long the packet token takes to glide from one node to the next.
import { type Speed, tickInterval } from '../../store/playback';

/** The token's glide, in ms: well inside one playback tick, never sluggish when stepping by hand. */
export function tokenDuration(speed: Speed): number {
  return Math.min(420, Math.round(tickInterval(speed) * 0.6));
}
