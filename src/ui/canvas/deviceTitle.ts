// The hover text of a device pill: everything `ip -d link` / `ip addr` would say about it.
import type { DeviceInfo } from '../../engine/api';
import type { MessageKey } from '../../i18n/index';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function deviceTitle(d: DeviceInfo, t: T): string {
  const lines = [
    `${d.name}${d.netns ? ` (${d.netns})` : ''}`,
    t('canvas.device.kind', { kind: d.kind }),
    t('canvas.device.state', { state: t(d.up ? 'canvas.device.up' : 'canvas.device.down') }),
    t('canvas.device.mac', { mac: d.mac }),
    t('canvas.device.mtu', { mtu: d.mtu }),
    t('canvas.device.addresses', { list: d.addresses.length ? d.addresses.join(', ') : t('canvas.device.noAddress') }),
  ];
  if (d.master) lines.push(t('canvas.device.master', { master: d.master }));
  if (d.peer) lines.push(t('canvas.device.peer', { peer: `${d.peer.machine}/${d.peer.netns || '-'}/${d.peer.name}` }));
  if (d.network) lines.push(t('canvas.device.network', { network: d.network }));
  // a macvlan or ipvlan: its lower device (maybe in another namespace) and its mode
  if (d.parent) lines.push(t('canvas.device.parent', { parent: `${d.parent.machine}/${d.parent.netns || '-'}/${d.parent.name}` }));
  if (d.detail) lines.push(t('canvas.device.detail', { detail: d.detail }));
  return lines.join('\n');
}
