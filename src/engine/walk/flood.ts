// Flooding a frame (br_flood, a switch's unknown or broadcast destination), walked breadth
// first, and layer-2 loops found exactly.
//
// Breadth first: the kernel does not follow one copy to its end before sending the next. A
// bridge's copies leave by dev_queue_xmit, and a veth hands each to its peer through netif_rx,
// the backlog queue that the next softirq round drains: every copy of one round is queued
// before any is received, so the hosts nearest the sender hear a broadcast first. The copies of
// one frame therefore share a queue (a wave): a flood met on a copy's way appends its own
// copies to the wave and returns, and the flood that started the wave drains it in order. A
// packet the walk creates on the way (an ARP reply, a request for a next hop) starts its own
// wave and is finished before the code that sent it goes on, as before.
//
// Loops: a frame is one header stack (a rewrite makes a new one: routing, NAT, encapsulation),
// and in a loop-free network it enters each bridge and each switch at most once. A copy that
// comes back to one that already forwarded it has gone round a loop: without STP the kernel
// would flood it round for ever and flap the MAC tables (a broadcast storm). That copy is
// dropped there, before the bridge learns from it, so the tables keep what the first copies
// taught them and the hosts the first copies reached still answer.
import type { Device } from '../kernel/dev/device';
import type { Headers } from '../packet/headers';
import type { At } from '../trace/types';
import type { WalkContext } from './context';
import { cloneSkb, type Skb } from './skb';

/** The copies of one flooded frame still to be walked, in the order they were sent. */
export type FloodWave = (() => void)[];

/**
 * Send a copy of `skb` to each target with `send`, breadth first: queued on the frame's wave
 * when one is being drained, else as a new wave drained here.
 */
export function floodCopies<T>(skb: Skb, targets: readonly T[], send: (target: T, copy: Skb) => void): void {
  const joining = skb.wave;
  const wave: FloodWave = joining ?? [];
  for (const target of targets) {
    const copy = cloneSkb(skb);
    copy.wave = wave;
    wave.push(() => send(target, copy));
  }
  if (joining) return;
  // the wave grows while it drains: later rounds are appended behind this one
  for (let i = 0; i < wave.length; i++) wave[i]();
}

/**
 * A frame entering a bridge (the device) or a switch (the network's name): false, and a drop,
 * when this one already forwarded the very same frame in this leg (a layer-2 loop).
 */
export function firstVisit(ctx: WalkContext, where: Device | string, skb: Skb, at: At): boolean {
  let seen = ctx.l2Seen.get(where);
  if (!seen) ctx.l2Seen.set(where, (seen = new WeakSet<Headers>()));
  if (!seen.has(skb.headers)) {
    seen.add(skb.headers);
    return true;
  }
  const cause = typeof where === 'string'
    ? { code: 'l2-loop' as const, kind: 'switch' as const, name: where }
    : { code: 'l2-loop' as const, kind: 'bridge' as const, name: where.name };
  ctx.drop(skb, at, 'LOOP_LIMIT', 'podpath', cause);
  return false;
}
