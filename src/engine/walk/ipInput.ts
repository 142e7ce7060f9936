// Receiving an IP packet (net/ipv4/ip_input.c ip_rcv, ip_rcv_finish; net/ipv4/route.c
// ip_route_input_slow and ip_error): PREROUTING, the input route, then local delivery,
// forwarding, or a drop with the kernel's reason.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ipRouteInput, type InputRoute } from '../kernel/fib/routeInput';
import type { ValidateResult } from '../kernel/fib/validate';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, ICMP_NET_UNREACH, ICMP_PKT_FILTERED } from '../packet/names';
import { atDev, type WalkContext } from './context';
import { icmpSend } from './icmp';
import { ipForward } from './ipForward';
import { ipLocalDeliver } from './ipLocalDeliver';
import { ipvlanL3sRcv } from './ipvlanL3s';
import { nfHook } from './netfilter';
import { fibRefs, routeDecision } from './refs';
import type { RouteDecision } from '../trace/causes';
import { ip, type Skb } from './skb';

export function ipRcv(ctx: WalkContext, dev: Device, skb: Skb): void {
  const at = atDev(dev, 'in');
  if (skb.pktType === 'otherhost') {
    const frame = skb.headers[0];
    ctx.drop(skb, at, 'OTHERHOST', 'ip_rcv_core', { code: 'otherhost', dst: frame.layer === 'eth' ? frame.dst : '?', dev: dev.name, mac: dev.mac });
    return;
  }
  const ns = dev.ns;
  if (dev.kind === 'loopback') {
    // A looped-back packet crosses PREROUTING like any other (raw and mangle rules with -i lo
    // see it), but it still carries its connection (nf_conntrack_in ignores it: "previously
    // seen") and that connection's destination NAT was settled in OUTPUT, so nat PREROUTING is
    // not consulted; then it keeps the route chosen on output (skb_dst): local delivery.
    if (nfHook(ctx, 'PREROUTING', ns, skb, dev).verdict === 'drop') return;
    return ipLocalDeliver(ctx, ns, dev, skb);
  }
  if (skb.preroutingDone) skb.preroutingDone = false; // br_netfilter ran it at the bridge port
  else if (nfHook(ctx, 'PREROUTING', ns, skb, dev).verdict === 'drop') return;
  // ip_rcv_finish → l3mdev_ip_rcv: an l3s ipvlan master routes its ipvlans' packets in their namespaces
  if (dev.ipvlanPort?.mode === 'l3s' && ipvlanL3sRcv(ctx, dev, skb)) return;
  const iph = ip(skb);
  const rt = ipRouteInput(ns, { saddr: iph.src, daddr: iph.dst, dev, mark: skb.mark });
  routeEvent(ctx, dev, skb, rt);
  switch (rt.kind) {
    case 'local':
    case 'broadcast':
      return ipLocalDeliver(ctx, ns, dev, skb);
    case 'forward':
      return ipForward(ctx, dev, skb, rt.dev, rt.gateway ?? iph.dst, rt.redirect);
    case 'martian':
      ctx.drop(skb, at, rt.reason, rt.reason === 'IP_RPFILTER' || rt.reason === 'IP_LOCAL_SOURCE' ? 'fib_validate_source' : 'ip_route_input_slow', { code: 'martian', what: rt.what, why: rt.why });
      return;
    case 'error':
      return ipError(ctx, dev, skb, rt);
  }
}

/** The source validation a route event is followed by: a passing check under rp_filter, or the failed one that made a martian. */
function shownValidation(rt: InputRoute): ValidateResult | undefined {
  if (rt.kind === 'forward') return rt.validate.rpFilter ? rt.validate : undefined;
  // a failed source validation shows the reverse lookup that decided it, as a passing one does
  if (rt.kind === 'martian') return rt.validate?.reverse ? rt.validate : undefined;
  return undefined;
}

function routeEvent(ctx: WalkContext, dev: Device, skb: Skb, rt: InputRoute): void {
  const validation = shownValidation(rt);
  if (!ctx.rec.recording) return ctx.rec.skip(validation ? 2 : 1);
  const iph = ip(skb);
  const at = atDev(dev, 'in');
  const base = { dst: formatIpv4(iph.dst), inDev: dev.name, forwarding: rt.kind === 'error' ? rt.forwarding : true };
  const refs = fibRefs(dev.ns, 'fib' in rt ? rt.fib : undefined);
  switch (rt.kind) {
    case 'local':
    case 'broadcast':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route.input', { ...base, result: rt.kind }, refs);
      break;
    case 'forward':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route.input', { ...base, result: 'forward', dev: rt.dev.name, ...(rt.gateway !== undefined ? { gateway: formatIpv4(rt.gateway) } : {}) }, refs);
      break;
    case 'martian':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route.input', { ...base, result: 'martian' }, validation || refs.length ? refs : fibRefs(dev.ns, rt.validate?.reverse));
      break;
    case 'error':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route.input', { ...base, result: 'error', errno: rt.errno }, refs);
  }
  if (validation) validateEvent(ctx, dev, skb, validation);
}

/** fib_validate_source's finding, with the route back to the source it looked up. */
function validateEvent(ctx: WalkContext, dev: Device, skb: Skb, v: ValidateResult): void {
  const params = { rpFilter: v.rpFilter, ok: v.ok, check: v.check, ...(v.mark ? { mark: v.mark } : {}) };
  ctx.rec.emit(skb, atDev(dev, 'in'), 'fib_validate_source', 'route.validate', params, fibRefs(dev.ns, v.reverse));
}

/** The blackhole, unreachable or prohibit route (or rule) the lookup ended on, for the drop's cause. */
function decided(dev: Device, rt: Extract<InputRoute, { kind: 'error' }>): { decided?: RouteDecision } {
  const d = routeDecision(dev.ns, rt.fib);
  return d ? { decided: d } : {};
}

/** ip_error: the packet dies here; a forwarding router tells the sender why. */
function ipError(ctx: WalkContext, dev: Device, skb: Skb, rt: Extract<InputRoute, { kind: 'error' }>): void {
  const at = atDev(dev, 'in');
  if (!rt.forwarding) {
    ctx.drop(skb, at, rt.errno === 'EHOSTUNREACH' ? 'IP_INADDRERRORS' : rt.errno === 'ENETUNREACH' ? 'IP_INNOROUTES' : 'NOT_SPECIFIED', 'ip_error',
      { code: 'no-route', forwarding: false, errno: rt.errno, ...decided(dev, rt) });
    return;
  }
  const codes: Record<string, number | undefined> = { ENETUNREACH: ICMP_NET_UNREACH, EHOSTUNREACH: ICMP_HOST_UNREACH, EACCES: ICMP_PKT_FILTERED };
  const code = codes[rt.errno];
  const reason = rt.errno === 'ENETUNREACH' ? 'IP_INNOROUTES' : 'NOT_SPECIFIED';
  ctx.drop(skb, at, reason, 'ip_error', { code: 'no-route', forwarding: true, errno: rt.errno, ...(code !== undefined ? { icmp: code } : {}), ...decided(dev, rt) });
  if (code !== undefined) icmpSend(ctx, dev.ns, skb, ICMP_DEST_UNREACH, code, false);
}
