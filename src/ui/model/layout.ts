// Geometry of the topology canvas: where machines, namespaces, devices and networks sit.
// Pure and deterministic (same topology in, same boxes out); graph.ts turns the boxes into
// React Flow nodes. Every size is fixed here, so the layout never waits for the DOM.
//
// Reading order inside a machine is always network → NIC → root namespace → veth → pod:
// a machine whose network lies below it is drawn "down" (header and pods on top, NICs at the
// bottom); a machine whose network lies above it is its mirror image ("up").
import type { DeviceInfo } from '../../engine/api';
import type { TopologyView } from '../../worker/protocol';
import { type Collapse, NOTHING_COLLAPSED } from './collapse';
import { GROUP_NETNS, machineId, namespaceId } from './ids';
import { own } from '../../scenario/own';

export const SIZE = {
  /** Device pill: its width is the widest label's (deviceWidth), within these bounds. */
  device: { w: 156, minW: 112, maxW: 184, h: 40 },
  network: { w: 168, h: 40 },
  /** Gap between device pills in a row, and between rows of pills (room for edges). */
  deviceGap: 12,
  deviceRowGap: 20,
  /** Namespace box: inner padding, label band, minimum widths. */
  nsPad: 6,
  nsLabel: 22,
  nsEmpty: 10,
  podMinW: 132,
  rootMinW: 164,
  podGap: 12,
  /** A folded namespace: a chip as tall as a label band plus a little. */
  nsCollapsedH: 30,
  /** Room between the pods' row and the root namespace (veth edges cross it). */
  podRootGap: 18,
  /** Machine box: padding and title band. */
  machinePad: 8,
  machineTitle: 36,
  /** A folded machine: its title band and a line saying what is hidden. */
  machineCollapsedH: 62,
  /** Between machines of a row, and between rows (with / without a network in the gap). */
  machineGap: 28,
  rowGap: 48,
  networkRowGap: 100,
  networkGap: 32,
} as const;

/**
 * Text the canvas draws, in CSS px (the nodes use the same numbers). Sized so that the
 * fitted zoom of a lab of up to four machines still shows names ≥ 11 px and addresses ≥ 10 px.
 */
export const TEXT = { deviceName: 16, deviceAddress: 14.5, nsLabel: 13, machineName: 16, machineRole: 13 } as const;

/** A monospace glyph's advance, as a share of the font size. */
const MONO_ADVANCE = 0.6;
/** A device pill's border, padding, link dot and gap beside the text. */
const PILL_CHROME = 32;

/** One width for every pill of a lab: the widest name or first address it shows, within bounds. */
export function deviceWidth(devices: readonly DeviceInfo[]): number {
  let text = 0;
  for (const d of devices) {
    const name = d.name.length * TEXT.deviceName * MONO_ADVANCE;
    const address = (d.addresses[0] ?? d.kind).length * TEXT.deviceAddress * MONO_ADVANCE;
    text = Math.max(text, name, address);
  }
  return Math.min(SIZE.device.maxW, Math.max(SIZE.device.minW, Math.ceil(text + PILL_CHROME)));
}

/** A folded namespace chip's width: its name and a chevron (a group chip: "9999 namespaces"). */
export function collapsedNamespaceWidth(netns: string): number {
  const chars = netns === GROUP_NETNS ? 16 : netns.length;
  return Math.max(88, Math.ceil(chars * TEXT.nsLabel * MONO_ADVANCE + 44));
}

/** A folded machine's width: icon, name, role and room for the expand hint. */
export function collapsedMachineWidth(name: string, role: string): number {
  return Math.max(136, Math.ceil(name.length * TEXT.machineName * 0.7 + role.length * TEXT.machineRole * 0.6 + 84));
}

export type Orientation = 'down' | 'up';
export type Side = 'top' | 'bottom';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PlacedDevice extends Box {
  readonly device: DeviceInfo;
}

export interface PlacedNamespace extends Box {
  readonly netns: string;
  /** Where the namespace's label sits: away from the links it has to its neighbours. */
  readonly label: Side;
  /** Folded to a chip (collapse.ts): no devices drawn. */
  readonly collapsed?: boolean;
  /** Positions relative to the namespace. */
  readonly devices: readonly PlacedDevice[];
}

export interface MachineLayout {
  readonly w: number;
  readonly h: number;
  readonly title: Side;
  /** Root namespace first, then the others; positions relative to the machine. */
  readonly namespaces: readonly PlacedNamespace[];
}

export interface PlacedMachine extends Box {
  readonly name: string;
  readonly role: string;
  readonly orientation: Orientation;
  readonly layout: MachineLayout;
  /** Folded to its title (collapse.ts): no namespaces drawn. */
  readonly collapsed?: boolean;
}

export interface PlacedNetwork extends Box {
  readonly name: string;
  readonly kind: string;
}

export interface TopologyLayout {
  readonly machines: readonly PlacedMachine[];
  readonly networks: readonly PlacedNetwork[];
}

/** Loopback stays off the canvas; an event on lo puts the token on its namespace. */
export function isShown(device: DeviceInfo): boolean {
  return device.kind !== 'loopback';
}

/** True for a device that plugs the machine into a network (drawn at the machine's edge). */
export function isNic(device: DeviceInfo): boolean {
  return device.kind === 'nic' || device.network !== undefined;
}

// ---------------------------------------------------------------------------------------
// Rows

export interface RowItem {
  readonly w: number;
  /** The centre x the item would like; undefined = anywhere after the others. */
  readonly want?: number;
}

/**
 * Centre x of each item (in input order) so that none overlap and each sits as close to its
 * wish as the ones to its left allow. A row where nobody has a wish is centred on `anchor`.
 */
export function packRow(items: readonly RowItem[], gap: number, anchor = 0): number[] {
  const out = new Array<number>(items.length);
  if (items.length === 0) return out;
  const order = items.map((item, i) => ({ ...item, i }));
  const wishing = order.filter((o) => o.want !== undefined).sort((a, b) => a.want! - b.want! || a.i - b.i);
  const rest = order.filter((o) => o.want === undefined);
  if (wishing.length === 0) {
    const total = rest.reduce((sum, o) => sum + o.w, 0) + gap * (rest.length - 1);
    let left = anchor - total / 2;
    for (const o of rest) {
      out[o.i] = left + o.w / 2;
      left += o.w + gap;
    }
    return out;
  }
  let right = -Infinity;
  for (const o of [...wishing, ...rest]) {
    const centre = Math.max(o.want ?? -Infinity, right + gap + o.w / 2);
    out[o.i] = centre;
    right = centre + o.w / 2;
  }
  return out;
}

/** A row of centres (pills `w` wide) moved as a whole, as little as needed, to lie within `span` if it can. */
export function withinSpan(xs: readonly number[], w: number, span: { lo: number; hi: number } | undefined): number[] {
  if (!span || xs.length === 0) return [...xs];
  const left = Math.min(...xs) - w / 2;
  const right = Math.max(...xs) + w / 2;
  if (right - left > span.hi - span.lo) return [...xs];
  const shift = right > span.hi ? span.hi - right : left < span.lo ? span.lo - left : 0;
  return xs.map((x) => x + shift);
}

/** Centres of a packed row of items moved as a whole, as little as needed, to lie within `span` if it can. */
export function intoSpan(xs: readonly number[], items: readonly { readonly w: number }[], span: { lo: number; hi: number } | undefined): number[] {
  if (!span || xs.length === 0) return [...xs];
  const left = Math.min(...xs.map((x, i) => x - items[i].w / 2));
  const right = Math.max(...xs.map((x, i) => x + items[i].w / 2));
  if (right - left > span.hi - span.lo) return [...xs];
  const shift = right > span.hi ? span.hi - right : left < span.lo ? span.lo - left : 0;
  return xs.map((x) => x + shift);
}

/** Spreads `n` equal wishes for the same centre into neighbouring slots around it. */
function spread(centre: number, k: number, n: number, w: number, gap: number): number {
  return centre + (k - (n - 1) / 2) * (w + gap);
}

// ---------------------------------------------------------------------------------------
// One machine

const DH = SIZE.device.h;

function rowWidth(n: number, DW: number): number {
  return n === 0 ? 0 : n * DW + (n - 1) * SIZE.deviceGap;
}

export interface MachineOptions {
  /** Every pill's width (deviceWidth of the lab); SIZE.device.w when not given. */
  readonly deviceW?: number;
  /** Namespaces (by netns name) folded to a chip; their devices are not drawn. */
  readonly collapsed?: ReadonlySet<string>;
  /** At most this many veth ends to pods on one line of the root namespace; the rest wrap to lines further from the pods. */
  readonly maxPodEnds?: number;
}

/**
 * The inside of one machine: its other namespaces (pods) in a row, the root namespace beside
 * them holding the host ends of their veths (under each pod), then bridges and the rest,
 * then the NICs. `devices` are the machine's shown devices in topology order.
 */
export function layoutMachine(namespaces: readonly string[], devices: readonly DeviceInfo[], orientation: Orientation, options: MachineOptions = {}): MachineLayout {
  const DW = options.deviceW ?? SIZE.device.w;
  const folded = options.collapsed ?? new Set<string>();
  const names = ['', ...namespaces.filter((n) => n !== '')];
  for (const d of devices) if (!names.includes(d.netns)) names.push(d.netns);
  const pods = names.slice(1);
  const inNs = (ns: string) => (folded.has(ns) ? [] : devices.filter((d) => d.netns === ns));

  // Pods, left to right from x = 0 (content coordinates, shifted at the end).
  const podBoxes = pods.map((netns) => {
    const own = inNs(netns);
    const collapsed = folded.has(netns);
    const w = collapsed ? collapsedNamespaceWidth(netns) : Math.max(SIZE.podMinW, rowWidth(own.length, DW) + 2 * SIZE.nsPad);
    const h = collapsed ? SIZE.nsCollapsedH : SIZE.nsLabel + (own.length ? DH + SIZE.nsPad : SIZE.nsEmpty);
    return { netns, own, w, h, x: 0, collapsed };
  });

  // The root namespace's rows: ends of links to pods, then the rest, then NICs.
  const root = inNs('');
  const isPod = new Set(pods);
  const facesPod = (d: DeviceInfo) => d.peer !== undefined && d.peer.machine === d.machine && d.peer.netns !== '' && isPod.has(d.peer.netns) && !isNic(d);
  const podRow = root.filter(facesPod);
  const nicRow = root.filter((d) => !facesPod(d) && isNic(d));
  const midRow = root.filter((d) => !facesPod(d) && !isNic(d));

  // Folded chips that would make the pods' line wider than the machine needs anyway (its
  // widest root row, its open pods) wrap to further lines, away from the root namespace:
  // a row of chips must not shrink the whole lab's zoom below readable (issue 12).
  // The veth ends of open pods first, so they sit on the line next to their pods.
  const facingOpen = (d: DeviceInfo) => !folded.has(d.peer!.netns);
  const podEndLines = chunk([...podRow.filter(facingOpen), ...podRow.filter((d) => !facingOpen(d))], options.maxPodEnds ?? Infinity);
  const rootNeeds = Math.max(...[...podEndLines, midRow, nicRow].map((r) => rowWidth(r.length, DW)));
  const podLines = wrapPods(podBoxes, rootNeeds, SIZE.podGap);
  for (const line of podLines) {
    let cursor = 0;
    for (const p of line) {
      p.x = cursor;
      cursor += p.w + SIZE.podGap;
    }
  }
  const lineW = (line: readonly { w: number }[]) => (line.length ? line.reduce((sum, p) => sum + p.w, 0) + SIZE.podGap * (line.length - 1) : 0);
  const podsW = Math.max(0, ...podLines.map(lineW));
  const lineH = podLines.map((line) => Math.max(0, ...line.map((p) => p.h)));
  const podsH = lineH.length ? lineH.reduce((a, b) => a + b, 0) + SIZE.podGap * (lineH.length - 1) : 0;
  const podCentre = new Map(podBoxes.map((p) => [p.netns, p.x + p.w / 2]));
  const anchor = podsW / 2;
  const centre = new Map<string, number>();

  const byPod = new Map<string, DeviceInfo[]>();
  for (const d of podRow) byPod.set(d.peer!.netns, [...(byPod.get(d.peer!.netns) ?? []), d]);
  for (const line of podEndLines) {
    const podXs = packRow(
      line.map((d) => {
        const group = byPod.get(d.peer!.netns)!;
        return { w: DW, want: spread(podCentre.get(d.peer!.netns)!, group.indexOf(d), group.length, DW, SIZE.deviceGap) };
      }),
      SIZE.deviceGap,
      anchor,
    );
    line.forEach((d, i) => centre.set(d.name, podXs[i]));
  }

  const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
  // A bridge (or any master) under its ports; a port device under its master once placed.
  const midXs = packRow(
    midRow.map((d) => ({ w: DW, want: meanOf(podRow.filter((p) => p.master === d.name).map((p) => centre.get(p.name)!)) })),
    SIZE.deviceGap,
    anchor,
  );
  // The pods and their veth ends set the machine's width; a lower row that would stick out
  // past it slides back inside when it fits (a bridge then sits under one of its ports).
  const podLefts = podRow.map((d) => centre.get(d.name)! - DW / 2);
  const span = podBoxes.length ? { lo: Math.min(0, ...podLefts), hi: Math.max(podsW, ...podLefts.map((x) => x + DW)) } : undefined;
  withinSpan(midXs, DW, span).forEach((x, i) => centre.set(midRow[i].name, x));
  const nicXs = packRow(
    nicRow.map((d) => ({ w: DW, want: d.master !== undefined ? centre.get(d.master) : undefined })),
    SIZE.deviceGap,
    anchor,
  );
  withinSpan(nicXs, DW, span).forEach((x, i) => centre.set(nicRow[i].name, x));

  const rows = [...podEndLines, midRow, nicRow].filter((r) => r.length > 0);
  const xs = [...centre.values()];
  let minX = Math.min(0, ...xs.map((x) => x - DW / 2 - SIZE.nsPad));
  let maxX = Math.max(podsW, ...xs.map((x) => x + DW / 2 + SIZE.nsPad));
  if (maxX - minX < SIZE.rootMinW) {
    const extra = SIZE.rootMinW - (maxX - minX);
    minX -= extra / 2;
    maxX += extra / 2;
  }
  const rootW = maxX - minX;
  const rootH = rows.length
    ? SIZE.nsPad + rows.length * DH + (rows.length - 1) * SIZE.deviceRowGap + SIZE.nsLabel
    : SIZE.nsEmpty + SIZE.nsLabel;
  const shift = SIZE.machinePad - minX;

  // Down orientation first; `up` mirrors every y afterwards.
  const W = rootW + 2 * SIZE.machinePad;
  const podsTop = SIZE.machineTitle;
  const rootTop = podBoxes.length ? podsTop + podsH + SIZE.podRootGap : SIZE.machineTitle;
  const H = rootTop + rootH + SIZE.machinePad;

  const placed: PlacedNamespace[] = [];
  const rootDevices: PlacedDevice[] = [];
  rows.forEach((row, r) => {
    for (const d of row) {
      rootDevices.push({ device: d, x: centre.get(d.name)! - DW / 2 - minX, y: SIZE.nsPad + r * (DH + SIZE.deviceRowGap), w: DW, h: DH });
    }
  });
  placed.push({ netns: '', x: SIZE.machinePad, y: rootTop, w: rootW, h: rootH, label: 'bottom', devices: sortLike(rootDevices, root) });
  // Line 0 sits next to the root namespace (at the bottom of the pods' band), later lines above it.
  const lineBottom = lineH.map((_, i) => podsTop + podsH - lineH.slice(0, i).reduce((sum, h) => sum + h + SIZE.podGap, 0));
  const lineOf = new Map(podLines.flatMap((line, i) => line.map((p) => [p.netns, i] as const)));
  for (const p of podBoxes) {
    const left = (p.w - rowWidth(p.own.length, DW)) / 2;
    placed.push({
      ...(p.collapsed ? { collapsed: true } : {}),
      netns: p.netns,
      x: p.x + shift,
      y: lineBottom[lineOf.get(p.netns)!] - p.h,
      w: p.w,
      h: p.h,
      label: 'top',
      devices: p.own.map((d, i) => ({ device: d, x: left + i * (DW + SIZE.deviceGap), y: SIZE.nsLabel, w: DW, h: DH })),
    });
  }

  if (orientation === 'down') return { w: W, h: H, title: 'top', namespaces: placed };
  const flip = (s: Side): Side => (s === 'top' ? 'bottom' : 'top');
  return {
    w: W,
    h: H,
    title: 'bottom',
    namespaces: placed.map((ns) => ({
      ...ns,
      y: H - ns.y - ns.h,
      label: flip(ns.label),
      devices: ns.devices.map((d) => ({ ...d, y: ns.h - d.y - d.h })),
    })),
  };
}

/**
 * The pods' lines, nearest the root namespace first. Open pods all stay on the first line
 * (their veth ends in the root sit under them); folded chips join them, in order, while the
 * line stays within `limit` (or within the open pods' own width, when that is wider), and
 * the rest wrap to further lines of the same width.
 */
export function wrapPods<P extends { readonly w: number; readonly collapsed: boolean }>(pods: readonly P[], limit: number, gap: number): P[][] {
  const open = pods.filter((p) => !p.collapsed);
  const openW = open.reduce((sum, p) => sum + p.w + gap, 0);
  const width = Math.max(limit, openW - gap);
  const lines: P[][] = [[]];
  const used = [openW];
  for (const p of pods) {
    if (!p.collapsed) {
      lines[0].push(p);
      continue;
    }
    let i = used.findIndex((u) => u + p.w <= width);
    if (i < 0) {
      i = lines.length;
      lines.push([]);
      used.push(0);
    }
    lines[i].push(p);
    used[i] += p.w + gap;
  }
  return lines.filter((line) => line.length > 0);
}

function sortLike(placed: PlacedDevice[], order: readonly DeviceInfo[]): PlacedDevice[] {
  return [...placed].sort((a, b) => order.indexOf(a.device) - order.indexOf(b.device));
}

// ---------------------------------------------------------------------------------------
// The whole topology

interface Sized {
  readonly name: string;
  readonly role: string;
  readonly index: number;
  readonly w: number;
  readonly h: number;
  readonly devices: readonly DeviceInfo[];
  readonly namespaces: readonly string[];
}

/** Hinted machines grouped into rows: by y (within `tolerance` of a row's first y), then by x. */
export function hintRows<T extends { readonly name: string; readonly index: number }>(
  machines: readonly T[],
  hints: TopologyView['layout'],
  tolerance = 40,
): T[][] {
  // own properties only: a machine named `constructor` has no hint (issue 15)
  const at = (name: string): readonly [number, number] => own(hints, name)!;
  const hinted = machines.filter((m) => own(hints, m.name)).sort((a, b) => at(a.name)[1] - at(b.name)[1] || at(a.name)[0] - at(b.name)[0] || a.index - b.index);
  const rows: T[][] = [];
  let rowY = -Infinity;
  for (const m of hinted) {
    const y = at(m.name)[1];
    if (rows.length === 0 || y - rowY > tolerance) {
      rows.push([]);
      rowY = y;
    }
    rows[rows.length - 1].push(m);
  }
  return rows.map((row) => row.sort((a, b) => at(a.name)[0] - at(b.name)[0] || a.index - b.index));
}

/** Machines per row when nothing is hinted: one row up to three, then two or more rows of ≤ 5. */
export function perRow(n: number): number {
  return n <= 3 ? Math.max(1, n) : Math.min(5, Math.ceil(n / 2));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Rows made only of folded machines whose networks all lie in one gap next to the row: those
 * machines are drawn in that gap, beside the networks. At least one row keeps its own band.
 */
export function bandFoldedRows<M extends { readonly name: string }>(
  rows: readonly (readonly M[])[],
  nets: readonly { readonly gap: number; readonly members: readonly M[] }[],
  isFolded: (m: M) => boolean,
): { rows: Set<number>; byGap: Map<number, M[]> } {
  const out = { rows: new Set<number>(), byGap: new Map<number, M[]>() };
  rows.forEach((row, r) => {
    if (!row.every(isFolded) || rows.length - out.rows.size < 2) return;
    const gaps = new Set(nets.filter((n) => n.members.some((m) => row.includes(m))).map((n) => n.gap));
    const [g] = gaps;
    if (gaps.size !== 1 || (g !== r && g !== r - 1)) return;
    out.rows.add(r);
    out.byGap.set(g, [...(out.byGap.get(g) ?? []), ...row]);
  });
  return out;
}

/**
 * The widest lab (flow units) the canvas of a 1440×900 page shows at the readable zoom: its
 * pane is about 670 px wide, and 670 / READABLE_ZOOM (0.69) ≈ 970.
 */
export const READABLE_LAB_WIDTH = 960;

/** The width of a laid-out lab: from its leftmost to its rightmost box. */
export function layoutWidth(layout: TopologyLayout): number {
  const boxes = [...layout.machines, ...layout.networks];
  return boxes.length ? Math.max(...boxes.map((b) => b.x + b.w)) - Math.min(...boxes.map((b) => b.x)) : 0;
}

/** How tightly a lab is laid out: the plain layout first, tighter ones only for a lab wider than readable. */
interface Tightness {
  /** At most this many veth ends to pods on one line of a root namespace (MachineOptions). */
  readonly maxPodEnds: number;
  /** Folded machines banded beside a network are kept within the machines' rows (not sticking out past them). */
  readonly bandsWithinRows: boolean;
}

/**
 * The lab laid out as wide as it comes; when that is wider than the readable width, folded
 * machines beside a network are pulled in over the machines' rows, then the veth ends in each
 * root namespace wrap onto more lines (fewer per line) until it fits, or two per line (then the
 * narrowest of the tries).
 */
export function layoutTopology(topology: TopologyView, collapse: Collapse = NOTHING_COLLAPSED): TopologyLayout {
  const tries: Tightness[] = [
    { maxPodEnds: Infinity, bandsWithinRows: false },
    { maxPodEnds: Infinity, bandsWithinRows: true },
    ...[4, 3, 2].map((maxPodEnds) => ({ maxPodEnds, bandsWithinRows: true })),
  ];
  let best = layoutWith(topology, collapse, tries[0]);
  for (const tightness of tries.slice(1)) {
    if (layoutWidth(best) <= READABLE_LAB_WIDTH) break;
    const next = layoutWith(topology, collapse, tightness);
    if (layoutWidth(next) < layoutWidth(best)) best = next;
  }
  return best;
}

function layoutWith(topology: TopologyView, collapse: Collapse, { maxPodEnds, bandsWithinRows }: Tightness): TopologyLayout {
  const shown = topology.devices.filter(isShown);
  const deviceW = deviceWidth(shown);
  const hints = topology.layout ?? {};
  // A folded machine is its title box only.
  const folded = (m: { name: string; role: string }): MachineLayout | undefined =>
    collapse.machines.has(machineId(m.name)) ? { w: collapsedMachineWidth(m.name, m.role), h: SIZE.machineCollapsedH, title: 'top', namespaces: [] } : undefined;
  const optionsOf = (m: { name: string; namespaces: readonly string[] }): MachineOptions => ({
    deviceW,
    collapsed: new Set(m.namespaces.filter((ns) => collapse.namespaces.has(namespaceId(m.name, ns)))),
    maxPodEnds,
  });
  // Sizes do not depend on orientation, so measure once facing down.
  const sized: Sized[] = topology.machines.map((m, index) => {
    const devices = shown.filter((d) => d.machine === m.name);
    const { w, h } = folded(m) ?? layoutMachine(m.namespaces, devices, 'down', optionsOf(m));
    return { name: m.name, role: m.role, index, w, h, devices, namespaces: m.namespaces };
  });

  // Rows and centre x: hints as relative placement, scaled so no two boxes of a row overlap.
  const rows = hintRows(sized, hints);
  const cx = new Map<string, number>();
  // The smallest scale at which every row's neighbours clear each other (1 when no row has two).
  let scale = 0;
  for (const row of rows) {
    for (let i = 1; i < row.length; i++) {
      const dx = own(hints, row[i].name)![0] - own(hints, row[i - 1].name)![0];
      const need = (row[i].w + row[i - 1].w) / 2 + SIZE.machineGap;
      if (dx > 0) scale = Math.max(scale, need / dx);
    }
  }
  if (scale === 0) scale = 1;
  for (const row of rows) {
    packRow(row.map((m) => ({ w: m.w, want: own(hints, m.name)![0] * scale })), SIZE.machineGap).forEach((x, i) => cx.set(row[i].name, x));
  }
  const unhinted = sized.filter((m) => !own(hints, m.name));
  if (unhinted.length) {
    const placedXs = [...cx.values()];
    const anchor = placedXs.length ? (Math.min(...placedXs) + Math.max(...placedXs)) / 2 : 0;
    for (const row of chunk(unhinted, perRow(unhinted.length))) {
      packRow(row.map((m) => ({ w: m.w })), SIZE.machineGap, anchor).forEach((x, i) => cx.set(row[i].name, x));
      rows.push(row);
    }
  }
  const rowOf = new Map<string, number>();
  rows.forEach((row, r) => row.forEach((m) => rowOf.set(m.name, r)));

  // Networks go in the gap between the rows of the machines they connect (below a lone row).
  const last = rows.length - 1;
  const nets = topology.networks.map((n, index) => {
    const members = sized.filter((m) => m.devices.some((d) => d.network === n.name));
    const rs = members.map((m) => rowOf.get(m.name)!);
    const lo = Math.min(...rs);
    const hi = Math.max(...rs);
    const gap = members.length === 0 ? Math.max(0, last) : lo === hi ? lo : Math.floor((lo + hi - 1) / 2);
    const xs = members.map((m) => cx.get(m.name)!);
    const allXs = [...cx.values()];
    const want = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : allXs.length ? (Math.min(...allXs) + Math.max(...allXs)) / 2 : 0;
    return { name: n.name, kind: n.kind, index, gap, want, members };
  });
  const netX = new Map<string, number>();
  for (let g = 0; g <= Math.max(0, last); g++) {
    const inGap = nets.filter((n) => n.gap === g);
    packRow(inGap.map((n) => ({ w: SIZE.network.w, want: n.want })), SIZE.networkGap).forEach((x, i) => netX.set(inGap[i].name, x));
  }

  // A row of folded machines only (title boxes of machines the flow never enters) gets no
  // band of its own: its boxes sit beside their network in the gap next to the row, which
  // saves a row and a gap of height (what keeps a small lab readable in a wide, short pane).
  const banded = bandFoldedRows(rows, nets, (m) => collapse.machines.has(machineId(m.name)));
  // A band packed wider than its wishes must not stick out past the rows of machines that stay.
  const staying = rows.filter((_, r) => !banded.rows.has(r)).flat();
  const rowsSpan = staying.length ? { lo: Math.min(...staying.map((m) => cx.get(m.name)! - m.w / 2)), hi: Math.max(...staying.map((m) => cx.get(m.name)! + m.w / 2)) } : undefined;
  for (const [g, inBand] of banded.byGap) {
    const inGap = nets.filter((n) => n.gap === g);
    const items = [...inGap.map((n) => ({ w: SIZE.network.w, want: netX.get(n.name) })), ...inBand.map((m) => ({ w: m.w, want: cx.get(m.name) }))];
    const packed = packRow(items, SIZE.machineGap);
    const xs = bandsWithinRows ? intoSpan(packed, items, rowsSpan) : packed;
    inGap.forEach((n, i) => netX.set(n.name, xs[i]));
    inBand.forEach((m, i) => cx.set(m.name, xs[inGap.length + i]));
  }

  // Facing: towards the networks the machine plugs into (majority; down when none or tied).
  const orientation = new Map<string, Orientation>();
  for (const m of sized) {
    let vote = 0;
    for (const n of nets) if (n.members.includes(m)) vote += rowOf.get(m.name)! <= n.gap ? 1 : -1;
    orientation.set(m.name, vote >= 0 ? 'down' : 'up');
  }

  // Vertical: rows stacked, each gap tall enough for its networks; a row's boxes lean
  // towards the gap their networks are in.
  const machines: PlacedMachine[] = [];
  const networks: PlacedNetwork[] = [];
  let top = 0;
  const place = (m: Sized, y: (o: Orientation) => number) => {
    const o = orientation.get(m.name)!;
    const fold = folded(m);
    const layout = fold ?? layoutMachine(m.namespaces, m.devices, o, optionsOf(m));
    machines.push({ ...(fold ? { collapsed: true } : {}), name: m.name, role: m.role, orientation: o, layout, w: m.w, h: m.h, x: cx.get(m.name)! - m.w / 2, y: y(o) });
  };
  rows.forEach((row, r) => {
    const inGap = nets.filter((n) => n.gap === r);
    const inBand = banded.rows.has(r);
    // a banded row is drawn in a network's gap; its own gap stays only if networks sit there
    if (inBand && inGap.length === 0) return;
    const rowH = inBand ? 0 : Math.max(...row.map((m) => m.h));
    if (!inBand) for (const m of row) place(m, (o) => (o === 'down' ? top + rowH - m.h : top));
    top += rowH;
    const gapH = inGap.length ? SIZE.networkRowGap : SIZE.rowGap;
    for (const m of banded.byGap.get(r) ?? []) place(m, () => top + (gapH - m.h) / 2);
    for (const n of inGap) {
      networks.push({ name: n.name, kind: n.kind, x: netX.get(n.name)! - SIZE.network.w / 2, y: top + (gapH - SIZE.network.h) / 2, w: SIZE.network.w, h: SIZE.network.h });
    }
    top += gapH;
  });
  // No machines at all: networks in a row of their own.
  if (rows.length === 0) {
    packRow(nets.map(() => ({ w: SIZE.network.w })), SIZE.networkGap).forEach((x, i) =>
      networks.push({ name: nets[i].name, kind: nets[i].kind, x: x - SIZE.network.w / 2, y: 0, w: SIZE.network.w, h: SIZE.network.h }),
    );
  }
  // Scenario order, so the output does not depend on how rows were formed.
  const order = new Map(topology.machines.map((m, i) => [m.name, i]));
  machines.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  const netOrder = new Map(topology.networks.map((n, i) => [n.name, i]));
  networks.sort((a, b) => netOrder.get(a.name)! - netOrder.get(b.name)!);
  return { machines, networks };
}
