// A `switch` network: one learning layer-2 broadcast domain joining machines' NICs.
import { BROADCAST_MAC, isMulticastMac, type Mac } from '../addr/mac';
import type { Device } from '../kernel/dev/device';
import { placeOf, type WalkContext } from '../walk/context';
import { netifReceiveSkb } from '../walk/netifReceive';
import { firstVisit, floodCopies } from '../walk/flood';
import { eth, scrub, type Skb } from '../walk/skb';

export function switchForward(ctx: WalkContext, from: Device, skb: Skb): void {
  const network = from.network!;
  const at = { machine: network, netns: '' };
  // a frame the switch already forwarded has come round a loop (a bridge joining two of its ports)
  if (!firstVisit(ctx, network, skb, at)) return;
  let table = ctx.switchFdb.get(network);
  if (!table) ctx.switchFdb.set(network, (table = new Map<Mac, Device>()));
  const frame = eth(skb)!;
  // a frame on the wire carries no kernel state into the next machine
  scrub(skb, true);
  table.set(frame.src, from);
  const known = table.get(frame.dst);
  if (frame.dst !== BROADCAST_MAC && !isMulticastMac(frame.dst) && known) {
    ctx.rec.emit(skb, at, 'switch', 'switch.forward', { network, mac: frame.dst, to: placeOf(known) });
    if (known !== from && known.up) netifReceiveSkb(ctx, known, skb);
    return;
  }
  const targets = ctx.lab.nicsOn(network).filter((n) => n !== from && n.up);
  ctx.rec.emit(skb, at, 'switch', 'switch.flood', { network, mac: frame.dst, broadcast: frame.dst === BROADCAST_MAC, to: targets.map(placeOf) });
  floodCopies(skb, targets, (nic, copy) => netifReceiveSkb(ctx, nic, copy));
}
