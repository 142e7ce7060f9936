// One-liners for headers as tcpdump would sketch them (`eth a > b | IP x > y ttl 64 | TCP …`):
// protocol notation, the same in every language, for trace renderings and the CLI.
import type { HeaderView, PacketView } from './view';

export function formatHeader(h: HeaderView): string {
  switch (h.layer) {
    case 'eth':
      return `eth ${h.src} > ${h.dst}`;
    case 'arp':
      return h.op === 'request' ? `ARP who-has ${h.targetIp} tell ${h.senderIp}` : `ARP ${h.senderIp} is-at ${h.senderMac}`;
    case 'ipv4':
      return `IP ${h.src} > ${h.dst} ttl ${h.ttl}`;
    case 'tcp':
      return `TCP ${h.sport} > ${h.dport} [${h.flags.join(',')}]${h.payload ? ` len ${h.payload}` : ''}`;
    case 'udp':
      return `UDP ${h.sport} > ${h.dport} len ${h.payload}`;
    case 'icmp':
      return `ICMP type ${h.type} code ${h.code}`;
    case 'vxlan':
      return `VXLAN vni ${h.vni}`;
  }
}

export function formatHeaders(hs: PacketView): string {
  return hs.map(formatHeader).join(' | ');
}
