// The file name of a step picture: `<scenario>[-<variant>]-<flow>-step-<n>.<ext>`, e.g.
// `host-gw-no-route-pod-a-ping-pod-b-step-5.png`, so a folder of pictures sorts by lab and
// step. `n` is the 1-based step the counter shows (0 before the first step). Pure.
import { fileToParam } from '../url';

export type ImageFormat = 'png' | 'svg';

export interface ImageSubject {
  /** The scenario's file (`scenarios/host-gw.yaml`); undefined when none is chosen. */
  readonly file?: string;
  readonly variant?: string;
  readonly flow?: string;
  /** The playback index, 0-based (-1: before the first step). */
  readonly index: number;
}

/** Lower-case letters, digits, dots and dashes only: safe in any file system and in `src="…"`. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function imageFileName(subject: ImageSubject, format: ImageFormat): string {
  const parts = [subject.file ? fileToParam(subject.file) : 'podpath', subject.variant, subject.flow]
    .map((p) => (p ? slug(p) : ''))
    .filter((p) => p !== '');
  return `${parts.join('-')}-step-${Math.max(0, subject.index + 1)}.${format}`;
}
