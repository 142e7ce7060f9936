// Where a vxlan device's tunnels lead, for the canvas (DeviceInfo.tunnelPeers): each FDB remote
// resolved to the namespace that owns the address, and there to the vxlan device with the same
// VNI and port, the one that would decapsulate what this device sends.
import { formatIpv4 } from '../../addr/ipv4';
import type { Lab } from '../lab';
import type { Device } from './device';

export interface TunnelPeer {
  readonly machine: string;
  readonly netns: string;
  readonly name: string;
}

export function vxlanTunnelPeers(lab: Lab, dev: Device): TunnelPeer[] {
  const vx = dev.vxlan;
  if (!vx) return [];
  const remotes = new Set([...vx.fdb.values()].flatMap((rs) => rs.map((r) => r.dst)));
  const peers: TunnelPeer[] = [];
  for (const dst of remotes) {
    const owner = lab.allNamespaces().find((ns) => ns.orderedDevices().some((d) => d.addrs.some((a) => a.local === dst)));
    const peer = owner?.orderedDevices().find((d) => d.vxlan && d !== dev && d.vxlan.vni === vx.vni && d.vxlan.dstport === vx.dstport);
    if (peer && !peers.some((p) => p.machine === peer.ns.machine && p.netns === peer.ns.name && p.name === peer.name)) {
      peers.push({ machine: peer.ns.machine, netns: peer.ns.name, name: peer.name });
    }
  }
  return peers;
}

/** The tooltip line: "VNI 1, UDP 8472, local 192.168.3.11, dev eth0, nolearning". */
export function vxlanDetail(dev: Device): string | undefined {
  const vx = dev.vxlan;
  if (!vx) return undefined;
  const parts = [`VNI ${vx.vni}`, `UDP ${vx.dstport}`];
  if (vx.local !== undefined) parts.push(`local ${formatIpv4(vx.local)}`);
  if (vx.link !== undefined) parts.push(`dev ${vx.link}`);
  parts.push(vx.learning ? 'learning' : 'nolearning');
  return parts.join(', ');
}
