// The catalogue as a learning path (issue 12, part 9): scenarios ordered by their track
// (basics → routing → services → overlays → cloud → multi-CNI) and, within a track, by level;
// the page opens the first. Each file says where it sits (`track:`, `level:`); the order is
// computed from that, never from names. Pure.
import { isTrack, MAX_LEVEL, MIN_LEVEL, type Track, TRACKS } from '../../scenario/track';

export interface PathPlace {
  readonly track?: Track;
  readonly level?: number;
}

function topLevelScalar(text: string, key: string): string | undefined {
  // a top-level `key: value` line (column 0), the value optionally quoted, a comment allowed
  const m = new RegExp(`^${key}:[ \\t]*(["']?)([^"'#\\s]+)\\1[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return m?.[2];
}

/**
 * A file's place read from its text without parsing it, so the page can order the catalogue
 * and choose the landing scenario before the worker has validated anything. Values outside
 * the closed lists are ignored here (the schema reports them with their line and column).
 */
export function peekPlace(text: string): PathPlace {
  const track = topLevelScalar(text, 'track');
  const level = Number(topLevelScalar(text, 'level'));
  return {
    ...(isTrack(track) ? { track } : {}),
    ...(Number.isInteger(level) && level >= MIN_LEVEL && level <= MAX_LEVEL ? { level } : {}),
  };
}

/** Track order first, then level; a file with no track or level comes after those with one. */
export function comparePlaces(a: PathPlace, b: PathPlace): number {
  const rank = (track: Track | undefined) => (track === undefined ? TRACKS.length : TRACKS.indexOf(track));
  return rank(a.track) - rank(b.track) || (a.level ?? MAX_LEVEL + 1) - (b.level ?? MAX_LEVEL + 1);
}

/** Items in learning-path order; equal places keep a stable order by file. */
export function onPath<T extends { readonly file: string }>(items: readonly T[], placeOf: (item: T) => PathPlace): T[] {
  return [...items].sort((a, b) => comparePlaces(placeOf(a), placeOf(b)) || a.file.localeCompare(b.file));
}

export interface PathGroup<T> {
  /** undefined: the files that name no track, last */
  readonly track?: Track;
  readonly items: readonly T[];
}

/** Items already on the path, cut into one group per track, in track order; empty tracks are left out. */
export function pathGroups<T>(items: readonly T[], placeOf: (item: T) => PathPlace): PathGroup<T>[] {
  const groups: { track?: Track; items: T[] }[] = [];
  for (const item of items) {
    const { track } = placeOf(item);
    const last = groups.at(-1);
    if (last && last.track === track) last.items.push(item);
    else groups.push({ ...(track !== undefined ? { track } : {}), items: [item] });
  }
  return groups;
}
