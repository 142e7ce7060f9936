// Human-readable one-liners for headers, as tcpdump would sketch them.
import { formatIpv4 } from '../addr/ipv4';
import type { Header, Headers } from './headers';

export function formatHeader(h: Header): string {
  switch (h.layer) {
    case 'eth':
      return `eth ${h.src} > ${h.dst}`;
    case 'arp':
      return h.op === 'request'
        ? `ARP who-has ${formatIpv4(h.targetIp)} tell ${formatIpv4(h.senderIp)}`
        : `ARP ${formatIpv4(h.senderIp)} is-at ${h.senderMac}`;
    case 'ipv4':
      return `IP ${formatIpv4(h.src)} > ${formatIpv4(h.dst)} ttl ${h.ttl}`;
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

export function formatHeaders(hs: Headers): string {
  return hs.map(formatHeader).join(' | ');
}
