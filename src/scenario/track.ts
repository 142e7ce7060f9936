// Where a scenario sits on the learning path (issue 12, part 9): its track, from a closed list
// in the order a learner takes them, and its level within the lab set (1 beginner … 3
// advanced). Plain data, no zod: the page sorts the catalogue with it before the worker has
// validated anything.

/** The tracks in learning order: each builds on the ones before it. */
export const TRACKS = ['basics', 'routing', 'services', 'overlays', 'cloud', 'multi-cni'] as const;
export type Track = (typeof TRACKS)[number];

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 3;

export function isTrack(value: unknown): value is Track {
  return typeof value === 'string' && (TRACKS as readonly string[]).includes(value);
}
