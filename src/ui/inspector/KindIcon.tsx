// One icon per kind of trace event, so a step's nature reads at a glance.
import {
  ArrowRightLeft,
  Ban,
  CircleCheck,
  Database,
  Globe,
  Inbox,
  ListFilter,
  type LucideIcon,
  Network,
  Package,
  PackageOpen,
  Radio,
  Route,
  Send,
  Shield,
  Table,
} from 'lucide-react';
import type { EventKind } from '../../engine/trace/types';

const ICONS: Record<EventKind, LucideIcon> = {
  xmit: Send,
  recv: Inbox,
  route: Route,
  rule: ListFilter,
  'nf-rule': Shield,
  conntrack: Database,
  nat: ArrowRightLeft,
  neigh: Network,
  arp: Radio,
  fdb: Table,
  encap: Package,
  decap: PackageOpen,
  fabric: Globe,
  deliver: CircleCheck,
  drop: Ban,
};

export function KindIcon({ kind, className = 'size-4' }: { kind: EventKind; className?: string }) {
  const Icon = ICONS[kind] ?? Route;
  return <Icon aria-hidden="true" className={className} />;
}
