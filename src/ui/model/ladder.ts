// The conversation as a ladder (sequence) diagram: the places the packets cross as columns, each
// hop of each packet (SYN, SYN-ACK, the ARP asking for a next hop, an ICMP error …) as an arrow
// from the place that sent it to the place that received it, in the order they arrived. Pure; no
// React: the view draws what ladderOf and ladderLayout return.
//
// A leg carries more than its own packet: the ARP exchanges that resolve its next hops happen
// while it waits. Its events are therefore split into tracks, one per packet (the leg's own, each
// ARP request, each ARP reply), and each track's hops are found where its place changes.
import { line } from 'd3-shape';
import { scaleBand, scalePoint } from 'd3-scale';
import type { HeaderChange } from '../../engine/packet/diff';
import type { HeaderView, PacketView } from '../../engine/packet/view';
import type { PacketName } from '../../engine/trace/types';
import { placeOf, type Step } from './steps';

export interface LadderColumn {
  /** The place, as placeOf writes it: `machine` or `machine/netns`; a fabric network's name. */
  readonly id: string;
  readonly machine: string;
  readonly netns: string;
  /** A fabric network (a switch, a cloud network), not a machine. */
  readonly network: boolean;
}

/** What an arrow carries: a leg's packet, or an ARP packet sent while it waited. */
export type LadderPacket =
  | { readonly kind: 'leg'; readonly name: PacketName }
  | { readonly kind: 'arp-request'; readonly target: string }
  | { readonly kind: 'arp-reply'; readonly target: string };

/** An address or port that changed on a hop, or a tunnel header pushed or popped. */
export type Rewrite =
  | { readonly kind: 'src' | 'dst'; readonly from: string; readonly to: string }
  | { readonly kind: 'encap'; readonly tunnel: string; readonly from: string; readonly to: string }
  | { readonly kind: 'decap'; readonly tunnel: string };

export interface LadderArrow {
  /** Its row, top to bottom: arrows are in the order their packet arrived. */
  readonly row: number;
  readonly legIndex: number;
  readonly packet: LadderPacket;
  /** Column ids. Equal for a packet that died where it was sent (never left its place). */
  readonly from: string;
  readonly to: string;
  /** `drop`: the packet died at `to`. */
  readonly end: 'arrive' | 'drop';
  /** The flow's own drop (the verdict's), not a later answer's. */
  readonly flowDrop: boolean;
  /** The first step that belongs to this hop (where a click seeks to). */
  readonly firstStep: number;
  /** The step where the packet arrived at `to` (or died). */
  readonly arrivalStep: number;
  readonly rewrites: readonly Rewrite[];
}

export interface Ladder {
  readonly columns: readonly LadderColumn[];
  readonly arrows: readonly LadderArrow[];
  /** For each step of the conversation, the row of the arrow it belongs to (-1: none). */
  readonly arrowOfStep: readonly number[];
}

/** The packet an event carries: ARP packets are their own tracks, everything else is the leg's. */
function packetOf(step: Step): { key: string; packet: LadderPacket } {
  const arp = step.event.packet.find((h): h is Extract<HeaderView, { layer: 'arp' }> => h.layer === 'arp');
  if (arp) {
    const kind = arp.op === 'request' ? 'arp-request' : 'arp-reply';
    // a reply's target is the address it resolves: its sender's
    const target = arp.op === 'request' ? arp.targetIp : arp.senderIp;
    return { key: `${kind} ${arp.senderIp} ${arp.targetIp}`, packet: { kind, target } };
  }
  return { key: 'leg', packet: { kind: 'leg', name: step.leg.packet } };
}

/** A step that puts the packet on a wire or hands it on: a device's transmit side, or the fabric. */
function sends(step: Step): boolean {
  return step.event.at.dir === 'out' || step.kind === 'fabric';
}

interface Hop {
  from: string;
  to: string;
  arrival: number;
  steps: number[];
  end: 'arrive' | 'drop';
  flowDrop: boolean;
}

/**
 * The hops of one track. The packet is at the place of its latest step; when the place changes,
 * it came from there if it was sent out from there, else it is a copy (a flood, a frame a bridge
 * also passes up to itself) from the last place that sent it — no hop when that is here.
 */
function hopsOf(track: readonly Step[]): Hop[] {
  const hops: Hop[] = [];
  let prev: string | undefined;
  let sentFromPrev = false;
  let sender: string | undefined;
  for (const step of track) {
    const place = placeOf(step.event.at);
    if (prev !== undefined && place !== prev) {
      const from = sentFromPrev ? prev : (sender ?? prev);
      if (from !== place) hops.push({ from, to: place, arrival: step.index, steps: [], end: 'arrive', flowDrop: false });
      sentFromPrev = false;
    }
    if (sends(step)) {
      sender = place;
      sentFromPrev = true;
    }
    prev = place;
  }
  // Each step belongs to the hop it prepares (the next hop, sent from its place) or else to the
  // latest hop that brought the packet where the step is.
  for (const step of track) {
    const place = placeOf(step.event.at);
    const next = hops.find((h) => h.arrival >= step.index);
    const hop =
      next && (next.arrival === step.index || next.from === place) ? next : [...hops].reverse().find((h) => h.arrival <= step.index && h.to === place);
    (hop ?? next ?? hops.at(-1))?.steps.push(step.index);
  }
  // A drop: the hop that brought the packet to the dropping place ends there; a packet that died
  // where it was sent (or where no hop reached) gets a row of its own.
  const dropStep = track.find((s) => s.isDrop || s.kind === 'drop');
  if (dropStep) {
    const place = placeOf(dropStep.event.at);
    const last = [...hops].reverse().find((h) => h.arrival <= dropStep.index);
    const flowDrop = dropStep.dropRole === 'flow';
    if (last && last.to === place && hops.at(-1) === last) {
      last.end = 'drop';
      last.flowDrop = flowDrop;
    } else {
      const mine = track.filter((s) => s.index >= (last?.arrival ?? -1) + 1 && placeOf(s.event.at) === place).map((s) => s.index);
      for (const h of hops) h.steps = h.steps.filter((i) => !mine.includes(i));
      hops.push({ from: place, to: place, arrival: dropStep.index, steps: mine, end: 'drop', flowDrop });
    }
  }
  if (hops.length === 0 && track.length > 0) {
    // never left its place (delivered locally, or a copy nobody forwarded): one row where it was
    const place = placeOf(track[0].event.at);
    hops.push({ from: place, to: place, arrival: track[track.length - 1].index, steps: track.map((s) => s.index), end: 'arrive', flowDrop: false });
  }
  return hops;
}

/** The address a header carries with its port when the port changed too: `10.96.0.10:80`. */
function endpoint(ip: string, port: number | undefined): string {
  return port === undefined ? ip : `${ip}:${port}`;
}

function tunnelName(pushed: readonly HeaderView[]): string {
  if (pushed.some((h) => h.layer === 'vxlan')) return 'VXLAN';
  const ips = pushed.filter((h) => h.layer === 'ipv4');
  return ips.length > 0 ? 'IPIP' : pushed.map((h) => h.layer).join('/');
}

/** What a step rewrote that a reader of a ladder wants to see: NAT of addresses and ports, tunnels. */
export function rewritesOf(packet: PacketView, changes: readonly HeaderChange[]): Rewrite[] {
  const out: Rewrite[] = [];
  const pushed = changes.filter((c) => c.op === 'push' && c.layer !== 'eth').map((c) => packet[c.index]).filter((h): h is HeaderView => h !== undefined);
  const outer = pushed.find((h): h is Extract<HeaderView, { layer: 'ipv4' }> => h.layer === 'ipv4');
  if (outer) out.push({ kind: 'encap', tunnel: tunnelName(pushed), from: outer.src, to: outer.dst });
  const popped = changes.filter((c): c is Extract<HeaderChange, { op: 'pop' }> => c.op === 'pop' && c.layer !== 'eth').map((c) => c.header);
  if (popped.some((h) => h.layer === 'ipv4')) out.push({ kind: 'decap', tunnel: tunnelName(popped) });
  for (const [ipField, portField, kind] of [['src', 'sport', 'src'], ['dst', 'dport', 'dst']] as const) {
    for (const c of changes) {
      if (c.op !== 'set' || c.layer !== 'ipv4' || c.field !== ipField) continue;
      const l4 = packet[c.index + 1] as (HeaderView & { sport?: number; dport?: number }) | undefined;
      const port = changes.find((p) => p.op === 'set' && p.index === c.index + 1 && p.field === portField);
      const fromPort = port && port.op === 'set' ? (port.from as number | undefined) : undefined;
      const toPort = port ? l4?.[portField] : undefined;
      out.push({ kind, from: endpoint(String(c.from), fromPort), to: endpoint(String(c.to), toPort) });
    }
    // a port rewritten alone (a NodePort's DNAT to the same address is rare, but say it)
    for (const c of changes) {
      if (c.op !== 'set' || (c.layer !== 'tcp' && c.layer !== 'udp') || c.field !== portField) continue;
      if (changes.some((p) => p.op === 'set' && p.layer === 'ipv4' && p.index === c.index - 1 && p.field === ipField)) continue;
      const ip = packet[c.index - 1];
      const addr = ip?.layer === 'ipv4' ? ip[ipField] : '';
      out.push({ kind, from: endpoint(addr, c.from as number), to: endpoint(addr, c.to as number) });
    }
  }
  return out;
}

/**
 * Columns in the order the conversation reaches them, a machine's namespaces kept together; a
 * place that only a broadcast reached (an ARP request flooded to a namespace that declined it)
 * goes after the others of its machine, and such a machine after the rest.
 */
function columnsOf(steps: readonly Step[], hops: readonly (Hop & { floodOnly: boolean })[]): LadderColumn[] {
  const firstStep = new Map<string, Step>();
  for (const s of steps) if (!firstStep.has(placeOf(s.event.at))) firstStep.set(placeOf(s.event.at), s);
  const seen: string[] = [];
  for (const h of hops) for (const p of [h.from, h.to]) if (!seen.includes(p)) seen.push(p);
  const side = (p: string) => !hops.some((h) => h.from === p || (h.to === p && !h.floodOnly));
  const order = [...seen.filter((p) => !side(p)), ...seen.filter(side)];
  const machineOf = (p: string) => firstStep.get(p)!.event.at.machine;
  const machines = [...new Set(order.map(machineOf))];
  return machines.flatMap((m) => order.filter((p) => machineOf(p) === m)).map((id) => {
    const s = firstStep.get(id)!;
    const network = steps.filter((x) => placeOf(x.event.at) === id).every((x) => x.kind === 'fabric');
    return { id, machine: s.event.at.machine, netns: s.event.at.netns, network };
  });
}

export function ladderOf(steps: readonly Step[]): Ladder {
  const all: (Hop & { legIndex: number; packet: LadderPacket; floodOnly: boolean })[] = [];
  const byLeg = new Map<number, Step[]>();
  for (const s of steps) {
    const leg = byLeg.get(s.legIndex);
    if (leg) leg.push(s);
    else byLeg.set(s.legIndex, [s]);
  }
  for (const [legIndex, legSteps] of byLeg) {
    const tracks = new Map<string, { packet: LadderPacket; steps: Step[] }>();
    for (const s of legSteps) {
      const { key, packet } = packetOf(s);
      const track = tracks.get(key) ?? { packet, steps: [] };
      track.steps.push(s);
      tracks.set(key, track);
    }
    for (const { packet, steps: track } of tracks.values()) {
      const broadcast = track.some((s) => s.kind === 'fabric' && s.event.code === 'switch.flood') || track.some((s) => s.event.code === 'br.flood');
      for (const hop of hopsOf(track)) all.push({ ...hop, legIndex, packet, floodOnly: broadcast && packet.kind === 'arp-request' });
    }
  }
  all.sort((a, b) => a.arrival - b.arrival || a.legIndex - b.legIndex);
  const columns = columnsOf(steps, all);
  const arrowOfStep = steps.map(() => -1);
  const arrows = all.map((h, row): LadderArrow => {
    for (const i of h.steps) arrowOfStep[i] = row;
    const mine = [...h.steps].sort((a, b) => a - b);
    const rewrites = mine.flatMap((i) => rewritesOf(steps[i].event.packet, steps[i].event.changes ?? []));
    return { row, legIndex: h.legIndex, packet: h.packet, from: h.from, to: h.to, end: h.end, flowDrop: h.flowDrop, firstStep: mine[0] ?? h.arrival, arrivalStep: h.arrival, rewrites };
  });
  return { columns, arrows, arrowOfStep };
}

// ── layout: where the view draws it, computed with d3-scale and d3-shape ─────────────────

export interface LadderGeometry {
  readonly width: number;
  readonly height: number;
  /** Column centres (x), by column id. */
  readonly x: ReadonlyMap<string, number>;
  /** Row centres (y), by arrow row. */
  readonly y: readonly number[];
  /** One SVG path per arrow (its shaft), by row; a drop stub included. */
  readonly paths: readonly string[];
  /** The arrowhead (a filled triangle) at each arrow's end, by row; '' for a drop (a cross is drawn). */
  readonly heads: readonly string[];
}

export const LADDER_ROW = 26;
export const LADDER_TOP = 8;
const HEAD = 7;
const STUB = 26;

export function ladderLayout(ladder: Ladder, width: number): LadderGeometry {
  const columnX = scalePoint<string>()
    .domain(ladder.columns.map((c) => c.id))
    .range([0, Math.max(0, width)])
    .padding(0.5);
  const rows = scaleBand<number>()
    .domain(ladder.arrows.map((a) => a.row))
    .range([LADDER_TOP, LADDER_TOP + ladder.arrows.length * LADDER_ROW]);
  const x = new Map(ladder.columns.map((c) => [c.id, columnX(c.id) ?? 0]));
  // the label (packet and rewrites) sits above the shaft: the shaft is in the row's lower part
  const y = ladder.arrows.map((a) => (rows(a.row) ?? 0) + rows.bandwidth() * 0.7);
  const path = line<readonly [number, number]>();
  const paths: string[] = [];
  const heads: string[] = [];
  for (const a of ladder.arrows) {
    const yy = y[a.row];
    const x2 = x.get(a.to) ?? 0;
    // a packet that never left: a short stub into its column from the left
    const x1 = a.from === a.to ? x2 - STUB : (x.get(a.from) ?? 0);
    const dir = x2 >= x1 ? 1 : -1;
    const tip = a.end === 'drop' ? x2 : x2 - dir * 2;
    paths.push(path([[x1, yy], [tip - (a.end === 'drop' ? 0 : dir * HEAD), yy]]) ?? '');
    heads.push(a.end === 'drop' ? '' : (path([[tip, yy], [tip - dir * HEAD, yy - HEAD / 2], [tip - dir * HEAD, yy + HEAD / 2], [tip, yy]]) ?? ''));
  }
  return { width, height: LADDER_TOP * 2 + ladder.arrows.length * LADDER_ROW, x, y, paths, heads };
}
