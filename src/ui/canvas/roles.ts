// Icon and label of a machine's role; unknown roles show as written with a generic icon.
import { Laptop, type LucideIcon, Monitor, Router, Server } from 'lucide-react';
import type { MessageKey } from '../../i18n/index';

const ROLES: Record<string, { icon: LucideIcon; label: MessageKey }> = {
  node: { icon: Server, label: 'canvas.role.node' },
  router: { icon: Router, label: 'canvas.role.router' },
  gateway: { icon: Router, label: 'canvas.role.gateway' },
  client: { icon: Laptop, label: 'canvas.role.client' },
  host: { icon: Monitor, label: 'canvas.role.host' },
};

export function roleOf(role: string): { icon: LucideIcon; label?: MessageKey } {
  return ROLES[role] ?? { icon: Server };
}
