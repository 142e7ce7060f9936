// The canvas as one tab stop (issue 12, part 10): arrows move a visible focus between the
// boxes a reader can open (arrowNav.ts), Enter or Space opens the focused one, Escape leaves.
// The focused box is named by aria-activedescendant and announced in a live region.
import { type FocusEvent, type KeyboardEvent, useMemo, useState } from 'react';
import type { MessageKey } from '../../i18n/index';
import { type Arrow, ARROWS, navigablePlaces, nearestInDirection, startPlace } from '../model/arrowNav';
import type { TopologyGraph, TopologyNode } from '../model/graph';
import { namespaceLabel } from '../inspector/parts';
import { domIdOf } from './focus';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What a screen reader says for the focused box. */
export function describeNode(node: TopologyNode | undefined, t: T): string {
  if (!node) return '';
  if (node.type === 'device') {
    const d = node.data.device;
    return t('canvas.focus.device', { name: d.name, address: d.addresses[0] ?? d.kind, place: namespaceLabel(d.machine, d.netns) });
  }
  if (node.type === 'namespace' && node.data.group !== undefined) return t('canvas.collapsed.group', { n: node.data.group });
  if (node.type === 'namespace') {
    const place = namespaceLabel(node.data.machine, node.data.netns);
    return t(node.data.collapsed ? 'canvas.focus.namespace' : 'canvas.focus.namespaceOpen', { place });
  }
  if (node.type === 'machine') return t('canvas.focus.machine', { name: node.data.name });
  return '';
}

export function useCanvasKeys(graph: TopologyGraph, token: string | undefined, open: (node: TopologyNode) => void, t: T) {
  const places = useMemo(() => navigablePlaces(graph), [graph]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [inside, setInside] = useState(false);
  // A box that disappeared (folded again, another lab) lets the focus start over.
  const current = places.some((p) => p.id === picked) ? picked : undefined;
  const node = graph.nodes.find((n) => n.id === current);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return; // a control inside (zoom buttons) has its own keys
    if (ARROWS.has(e.key)) {
      e.preventDefault();
      const from = places.find((p) => p.id === current);
      const next = from ? nearestInDirection(from.box, places, e.key as Arrow) : startPlace(places, token);
      if (next) setPicked(next);
    } else if ((e.key === 'Enter' || e.key === ' ') && node) {
      e.preventDefault();
      open(node);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPicked(undefined);
      e.currentTarget.blur();
    }
  };
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    setInside(true);
    if (!current) setPicked(startPlace(places, token));
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target === e.currentTarget) setInside(false);
  };

  const focused = inside ? current : undefined;
  return {
    focused,
    announcement: focused ? describeNode(node, t) : '',
    props: {
      tabIndex: 0,
      role: 'application',
      'aria-label': t('canvas.keys'),
      'aria-activedescendant': focused ? domIdOf(focused) : undefined,
      'data-testid': 'canvas-keys',
      onKeyDown,
      onFocus,
      onBlur,
    },
  };
}
