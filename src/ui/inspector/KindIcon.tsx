// One icon per kind of trace event, so a step's nature reads at a glance: the same icon the
// timeline draws (one table for both, in model/timeline.ts and playback/kindIcons.tsx).
import type { EventKind } from '../../engine/trace/events';
import { KIND_STYLES } from '../model/timeline';
import { KIND_ICONS } from '../playback/kindIcons';

export function KindIcon({ kind, className = 'size-4' }: { kind: EventKind; className?: string }) {
  const Icon = KIND_ICONS[(KIND_STYLES[kind] ?? KIND_STYLES.route).icon];
  return <Icon aria-hidden="true" className={className} />;
}
