// The trace contract, version 2: what world.trace() returns and the page, the CLI, the pcap
// writer and the parity suite share. Published as JSON Schema in docs/trace.schema.json
// (generated from these types by `npm run schema`; a test keeps the two equal).
//
// Events are records (events.ts): a code, the kernel function, where, typed parameters and
// references to the state objects used. No sentence is stored here: src/i18n/trace renders
// every code, every drop reason and every outcome in each language.
import type { HeaderChange } from '../packet/diff';
import type { PacketView } from '../packet/view';
import type { DropCause } from './causes';
import type { DropReason } from './dropReasons';
import type { EventBody } from './events';
import type { StateRef } from './refs';
import type { StateDelta } from './state';

export const TRACE_VERSION = 2;

/** A text in each of the lab's languages: scenario content (titles of flows), never engine words. */
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

/**
 * Where an event happens: a namespace of a machine (`netns` '' = its root namespace), or a
 * fabric network (`machine` = the network's name), and the device involved, if one is;
 * `dir` says whether the packet is coming in on it or going out.
 */
export interface At {
  readonly machine: string;
  readonly netns: string;
  readonly dev?: string;
  readonly dir?: 'in' | 'out';
}

export type TraceEvent = EventBody & {
  /** numbers every event of the conversation, legs included, from 0 */
  readonly seq: number;
  /** the kernel function (or fabric stage) the event models: `ip_rcv`, `ipt_do_table`, `vxlan_xmit` … */
  readonly fn: string;
  readonly at: At;
  /** the state objects the step used, relative to `at` */
  readonly refs?: readonly StateRef[];
  /** the header stack after this step, outer first */
  readonly packet: PacketView;
  /** what this step did to that packet's headers since the packet's previous event */
  readonly changes?: readonly HeaderChange[];
};

export interface Drop {
  readonly reason: DropReason;
  /** the `seq` of the drop event */
  readonly seq: number;
  readonly at: At;
  /** the kernel function that freed the packet */
  readonly fn: string;
  /** what led to it, as data (the engine always gives one; its reason is one CAUSE_REASONS pairs with its code) */
  readonly cause?: DropCause;
  /** What the sending application sees, when it sees something (`connect: Network is unreachable`). */
  readonly appError?: string;
}

export type PacketName =
  | 'SYN' | 'SYN-ACK' | 'ACK' | 'data' | 'RST' | 'request' | 'reply'
  | 'echo-request' | 'echo-reply' | 'icmp-error'
  /** an ICMP redirect a router sent the packet's source (ip_rt_send_redirect); not part of the verdict */
  | 'redirect';

export interface Leg {
  readonly packet: PacketName;
  readonly verdict: 'delivered' | 'dropped';
  readonly drop?: Drop;
  readonly events: readonly TraceEvent[];
}

/**
 * The conversation's end as the client sees it. `message` is what the client's own tool or
 * errno prints (`Connection refused`, `Frag needed and DF set (mtu = 1450)`), when it prints
 * something.
 */
export type Outcome =
  | { readonly code: 'connected' }
  | { readonly code: 'replied' }
  | { readonly code: 'echo-replied' }
  | { readonly code: 'refused'; readonly message: string }
  | { readonly code: 'icmp-error'; readonly message: string; readonly icmpCode: number }
  | { readonly code: 'app-error'; readonly message: string }
  | { readonly code: 'timeout' };

/** Where a scenario file says something. */
export interface SourceLoc {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly col: number;
}

/**
 * Something the lab's scripts asked for that podpath accepted without modelling it, so a
 * reader does not take its absence from the trace for the kernel's answer:
 * `sysctl-unmodelled`, a kernel parameter Linux has (in a network namespace) that podpath does
 * not model, kept but read by nothing; `sysctl-ignored`, a key Linux does not have, which
 * `sysctl -e` skipped. `loc` is the command in the scenario file.
 */
export interface LabWarning {
  readonly code: 'sysctl-unmodelled' | 'sysctl-ignored';
  readonly machine: string;
  /** '' is the machine's root namespace */
  readonly netns: string;
  /** dotted, as sysctl writes it */
  readonly key: string;
  readonly value: string;
  /** the one value podpath models the key at (it behaves so whatever was written), if any */
  readonly modelledValue?: string;
  readonly loc: SourceLoc;
}

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  readonly flow: Flow;
  readonly verdict: 'delivered' | 'dropped';
  readonly legs: readonly Leg[];
  readonly outcome: Outcome;
  /**
   * How the namespaces' neighbour tables, FDBs, conntrack tables and iptables counters changed
   * during the conversation, in order, each visible from the event `seq` on. Applied to the
   * lab as built (what world.show prints), they give the state at any step (see state.ts).
   */
  readonly state: readonly StateDelta[];
  /** what the lab's scripts set that podpath does not model (absent when nothing) */
  readonly warnings?: readonly LabWarning[];
}
