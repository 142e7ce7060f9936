// The icon and colours of each event kind, from the model's names (src/ui/model/timeline.ts).
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
import type { KindIcon, Tone } from '../model/timeline';

export const KIND_ICONS: Readonly<Record<KindIcon, LucideIcon>> = {
  route: Route,
  'list-filter': ListFilter,
  shield: Shield,
  database: Database,
  'arrow-right-left': ArrowRightLeft,
  radio: Radio,
  network: Network,
  table: Table,
  package: Package,
  'package-open': PackageOpen,
  send: Send,
  inbox: Inbox,
  globe: Globe,
  'circle-check': CircleCheck,
  ban: Ban,
};

/** A tinted tile behind the icon, for light and dark. */
export const TONE_TILE: Readonly<Record<Tone, string>> = {
  sky: 'bg-sky-100 text-sky-700 dark:bg-sky-400/15 dark:text-sky-300',
  indigo: 'bg-indigo-100 text-indigo-700 dark:bg-indigo-400/15 dark:text-indigo-300',
  amber: 'bg-amber-100 text-amber-800 dark:bg-amber-400/15 dark:text-amber-300',
  orange: 'bg-orange-100 text-orange-700 dark:bg-orange-400/15 dark:text-orange-300',
  fuchsia: 'bg-fuchsia-100 text-fuchsia-700 dark:bg-fuchsia-400/15 dark:text-fuchsia-300',
  teal: 'bg-teal-100 text-teal-700 dark:bg-teal-400/15 dark:text-teal-300',
  cyan: 'bg-cyan-100 text-cyan-700 dark:bg-cyan-400/15 dark:text-cyan-300',
  lime: 'bg-lime-100 text-lime-800 dark:bg-lime-400/15 dark:text-lime-300',
  violet: 'bg-violet-100 text-violet-700 dark:bg-violet-400/15 dark:text-violet-300',
  slate: 'bg-slate-100 text-slate-600 dark:bg-slate-400/15 dark:text-slate-300',
  emerald: 'bg-emerald-100 text-emerald-700 dark:bg-emerald-400/15 dark:text-emerald-300',
  rose: 'bg-rose-100 text-rose-700 dark:bg-rose-400/20 dark:text-rose-300',
};
