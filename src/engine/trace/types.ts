// The trace contract (DESIGN §5): what world.trace() returns and the UI, CLI, pcap writer
// and parity suite share.
import type { FieldChange, Headers } from '../packet/headers';

export interface I18nText {
  readonly en: string;
  readonly 'zh-CN': string;
}

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface Endpoint {
  readonly machine: string;
  readonly netns: string; // '' = the machine's root namespace
}

export type Expectation = 'delivered' | { readonly dropped: string; readonly at?: string };

export interface Flow {
  readonly id: string;
  readonly title?: I18nText;
  readonly from: Endpoint;
  readonly to: { readonly addr: string; readonly port?: number };
  readonly protocol: Protocol;
  readonly expect?: Expectation;
  /**
   * Seeds the random choices Linux makes (-m statistic --mode random, IPVS scheduling). The
   * same seed always takes the same branches; without one the flow id seeds them.
   */
  readonly seed?: number;
  /**
   * IP total length of the request (ICMP echo or UDP datagram) and of its reply, in bytes,
   * for MTU questions. Sent with DF and no local fragmentation, as `ping -M do -s SIZE-28`
   * does. Without it the packets are small.
   */
  readonly size?: number;
}

export interface At {
  readonly machine: string;
  readonly netns: string;
  readonly dev?: string;
}

export type EventKind =
  | 'xmit' | 'recv' | 'route' | 'rule' | 'nf-rule' | 'conntrack' | 'nat' | 'neigh'
  | 'arp' | 'fdb' | 'encap' | 'decap' | 'fabric' | 'deliver' | 'drop';

export interface TraceEvent {
  readonly seq: number;
  readonly at: At;
  readonly step: string;
  readonly kind: EventKind;
  readonly summary: I18nText;
  readonly matched?: string;
  readonly packet: Headers;
  readonly changes?: readonly FieldChange[];
}

export interface Drop {
  readonly reason: string;
  readonly at: At;
  readonly explain: I18nText;
  readonly fix?: I18nText;
  /** What the sending application sees, when it sees something (`connect: Network is unreachable`). */
  readonly appError?: string;
}

export type PacketName =
  | 'SYN' | 'SYN-ACK' | 'ACK' | 'data' | 'RST' | 'request' | 'reply'
  | 'echo-request' | 'echo-reply' | 'icmp-error';

export interface Leg {
  readonly packet: PacketName;
  readonly verdict: 'delivered' | 'dropped';
  readonly drop?: Drop;
  readonly events: readonly TraceEvent[];
}

export interface Trace {
  readonly flow: Flow;
  readonly verdict: 'delivered' | 'dropped';
  readonly legs: readonly Leg[];
  /** A one-line account of the outcome as the client sees it ("connected", "Connection refused" …). */
  readonly outcome: string;
  /** `conntrack -L` of every namespace that tracked something, after the conversation */
  readonly conntrack?: readonly { readonly at: At; readonly entries: readonly string[] }[];
}
