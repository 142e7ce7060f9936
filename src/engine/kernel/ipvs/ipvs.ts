// IPVS, the kernel's layer-4 load balancer (net/netfilter/ipvs/): virtual services with
// real servers, a scheduler, and the connection table that steers every later packet and
// reply of a connection to the same real server.
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';

export interface IpvsDest {
  readonly rip: Ipv4;
  readonly rport: number;
  method: 'masq' | 'route' | 'tunnel';
  weight: number;
}

export interface IpvsService {
  readonly proto: 'tcp' | 'udp';
  readonly vip: Ipv4;
  readonly port: number;
  scheduler: string;
  dests: IpvsDest[];
}

/** struct ip_vs_conn: client, virtual and destination endpoints of one connection. */
export interface IpvsConn {
  readonly proto: number;
  readonly caddr: Ipv4;
  readonly cport: number;
  readonly vaddr: Ipv4;
  readonly vport: number;
  readonly daddr: Ipv4;
  readonly dport: number;
}

export function serviceKey(proto: 'tcp' | 'udp' | number, vip: Ipv4, port: number): string {
  const p = proto === 'tcp' || proto === 6 ? 'tcp' : 'udp';
  return `${p}|${vip}|${port}`;
}

export class Ipvs {
  readonly services = new Map<string, IpvsService>();
  readonly conns: IpvsConn[] = [];

  /** ip_vs_service_find */
  find(proto: number, vip: Ipv4, port: number): IpvsService | undefined {
    return this.services.get(serviceKey(proto, vip, port));
  }

  /** ip_vs_conn_in_get: a connection this packet (client → virtual) belongs to. */
  connIn(proto: number, caddr: Ipv4, cport: number, vaddr: Ipv4, vport: number): IpvsConn | undefined {
    return this.conns.find((c) => c.proto === proto && c.caddr === caddr && c.cport === cport && c.vaddr === vaddr && c.vport === vport);
  }

  /** ip_vs_conn_out_get: a connection this reply (real server → client) belongs to. */
  connOut(proto: number, daddr: Ipv4, dport: number, caddr: Ipv4, cport: number): IpvsConn | undefined {
    return this.conns.find((c) => c.proto === proto && c.daddr === daddr && c.dport === dport && c.caddr === caddr && c.cport === cport);
  }
}

/**
 * The scheduler's pick. Round robin (and the weighted/least-connection kinds, which pick the
 * same first server on a fresh table) is modelled as a position drawn from the flow's seed,
 * so one flow is reproducible and different flows spread over the servers.
 */
export function schedule(svc: IpvsService, draw: number): { dest?: IpvsDest; index: number } {
  const live = svc.dests.filter((d) => d.weight > 0);
  if (!live.length) return { index: -1 };
  const index = Math.min(live.length - 1, Math.floor(draw * live.length));
  return { dest: live[index], index };
}

export function formatService(s: IpvsService): string {
  return `${s.proto.toUpperCase()}  ${formatIpv4(s.vip)}:${s.port} ${s.scheduler}`;
}

export function formatDest(d: IpvsDest): string {
  const method = d.method === 'masq' ? 'Masq' : d.method === 'route' ? 'Route' : 'Tunnel';
  return `  -> ${formatIpv4(d.rip)}:${d.rport}      ${method}    ${d.weight}`;
}
