// What one traced conversation carries through every stage: the lab, the recorder, the
// sockets the conversation opened, the outcome of the current leg, and the hop budget
// that bounds every path (no real frame crosses more devices than this).
import type { Ipv4 } from '../addr/ipv4';
import type { Mac } from '../addr/mac';
import type { CtInfo } from '../kernel/conntrack/table';
import type { Device } from '../kernel/dev/device';
import type { Lab } from '../kernel/lab';
import type { Netns } from '../kernel/netns';
import type { Headers } from '../packet/headers';
import type { DropCause, DropCauseCode } from '../trace/causes';
import type { ReasonFor } from '../trace/dropReasons';
import type { DevPlace } from '../trace/events';
import type { Recorder } from '../trace/recorder';
import type { At, Drop } from '../trace/types';
import type { Skb } from './skb';

/** devices one packet may cross (its copies included): more than any real path */
export const HOP_LIMIT = 256;

/** A connected socket of the conversation (client's connect(), server's accepted socket). */
export interface ConvSocket {
  readonly ns: Netns;
  readonly proto: 'tcp' | 'udp' | 'icmp';
  readonly local: Ipv4;
  readonly lport: number; // icmp: echo id
  readonly remote: Ipv4;
  readonly rport: number;
  /** a server's connection still in SYN_RECV (a request socket): its handshake's last ACK has not come */
  halfOpen?: boolean;
}

export type Delivery = {
  readonly ns: Netns;
  readonly skb: Skb;
  /** what the receiving stack does next: reply, reset, echo, or nothing */
  readonly verdict: 'accepted' | 'no-socket';
  readonly socket?: ConvSocket;
};

/**
 * A packet the kernel generates in response (RST, ICMP error, redirect), walked as its own leg: who built
 * it (`by`, the kernel function), and the connection of the packet it answers when the kernel
 * attaches it (nf_ct_attach: nf_send_reset, and icmp_send for every ICMP error), so that the
 * response is RELATED to that connection and its NAT is undone on the way out.
 */
export interface Response {
  readonly ns: Netns;
  readonly headers: Headers;
  readonly name: 'RST' | 'icmp-error' | 'redirect';
  readonly by: 'tcp_v4_send_reset' | 'nf_send_reset' | 'icmp_send';
  readonly ct?: CtInfo;
  /** nf_send_reset routes with ip_route_me_harder: a source this host does not own is kept (FLOWI_FLAG_ANYSRC) */
  readonly anySrc?: boolean;
}

/** A drop, and whether the packet that died is the leg's own (not an ARP request made on its way). */
export interface LegDrop {
  readonly drop: Drop;
  readonly own: boolean;
}

export class WalkContext {
  delivered: Delivery[] = [];
  drops: LegDrop[] = [];
  responses: Response[] = [];
  sockets: ConvSocket[] = [];
  /** switch networks' learned MAC → NIC tables (fabric state for this conversation) */
  switchFdb = new Map<string, Map<Mac, Device>>();
  /** vpc networks' connection tracking per ENI (stateful security groups): ENI → flow key → group that allowed it */
  vpcConntrack = new Map<Device, Map<string, string>>();
  /**
   * ip_rt_send_redirect's per-source state (inet_peer n_redirects), keyed by the router's
   * namespace and the source: the redirects sent to it in this conversation.
   */
  redirectPeers = new Map<Netns, Map<Ipv4, number>>();
  /** the frames (header stacks) each bridge or switch has forwarded in this leg: a second visit is a loop */
  l2Seen = new Map<Device | string, WeakSet<Headers>>();

  constructor(
    readonly lab: Lab,
    readonly rec: Recorder,
  ) {}

  /** Deterministic draws for -m statistic: the same flow always takes the same branches. */
  seed = 0;

  draw(key: string): number {
    let h = (0x811c9dc5 ^ this.seed) >>> 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h ^= h >>> 12;
    return (h >>> 0) / 0x100000000;
  }

  resetLeg(): void {
    this.l2Seen = new Map();
    this.delivered = [];
    this.drops = [];
    this.responses = [];
  }

  /**
   * The packet crosses one more device; false when it has crossed more than any real path
   * does and must be abandoned. Each packet counts its own path (a flood's copies each carry
   * on from the count of the frame they copy), so a broadcast to a thousand hosts is a
   * thousand short paths, not one long one.
   */
  hop(skb: Skb, at: At): boolean {
    skb.hops = (skb.hops ?? 0) + 1;
    if (skb.hops <= HOP_LIMIT) return true;
    this.drop(skb, at, 'LOOP_LIMIT', 'podpath', { code: 'hop-limit', limit: HOP_LIMIT });
    return false;
  }

  /** The packet dies here: a `drop` event, and the leg's drop once the walk is over. The reason must be one CAUSE_REASONS pairs with the cause. */
  drop<K extends DropCauseCode>(skb: Skb, at: At, reason: NoInfer<ReasonFor<K>>, fn: string, cause: DropCause & { readonly code: K }, appError?: string): void {
    const seq = this.rec.emit(skb, at, fn, 'drop', { reason, cause });
    this.drops.push({ drop: { reason, seq, at, fn, cause, ...(appError ? { appError } : {}) }, own: skb.leg === true });
  }
}

/**
 * What a device's rx_handler did with a frame: consumed it (RX_HANDLER_CONSUMED / ANOTHER), or
 * let the device's own stack have it (RX_HANDLER_PASS), with copies to deliver after that.
 */
export interface RxHandlerResult {
  readonly consumed: boolean;
  readonly later?: () => void;
}

/** A device somewhere in the lab, as events name it. */
export function placeOf(dev: Device): DevPlace {
  return { machine: dev.ns.machine, netns: dev.ns.name, dev: dev.name };
}

/** At a device; `dir` when the packet is arriving on it or leaving by it. */
export function atDev(dev: Device, dir?: 'in' | 'out'): At {
  return dir ? { machine: dev.ns.machine, netns: dev.ns.name, dev: dev.name, dir } : { machine: dev.ns.machine, netns: dev.ns.name, dev: dev.name };
}

export function atNs(ns: Netns): At {
  return { machine: ns.machine, netns: ns.name };
}
