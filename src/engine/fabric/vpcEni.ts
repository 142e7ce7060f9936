// The ENIs of a `vpc` network as its fabric sees them (DESIGN §3): each NIC plugged into the
// network, named `machine/nic` as the scenario names it, with the addresses the cloud assigned
// to it, its source/dest check and its security groups. Pure reads of the lab.
import { formatIpv4, inPrefix, parseIpv4, parsePrefix, type Ipv4, type Prefix } from '../addr/ipv4';
import { deterministicMac, type Mac } from '../addr/mac';
import type { NetworkSpec, SecurityGroupSpec } from '../config/world';
import type { Device } from '../kernel/dev/device';
import type { Lab } from '../kernel/lab';

export type VpcSpec = Extract<NetworkSpec, { kind: 'vpc' }>;

export interface Eni {
  readonly dev: Device;
  /** `machine/nic`, as routes' `via` names it */
  readonly id: string;
  /**
   * The ENI's private addresses, primary first: a /32 per address, or a wider prefix
   * delegated to the ENI (AWS prefix delegation, GCP alias ranges). Without `addresses` in
   * the scenario, the IPv4 addresses the NIC holds once its machine's script has run.
   */
  readonly addresses: readonly Prefix[];
  /** AWS's default: on */
  readonly sourceDestCheck: boolean;
  readonly groups: readonly SecurityGroupSpec[];
}

export function vpcOf(lab: Lab, network: string): VpcSpec {
  const spec = lab.networks.get(network);
  if (spec?.kind !== 'vpc') throw new Error(`invariant: network ${network} is not a vpc`);
  return spec;
}

/** A scenario's address entry: `10.0.1.5` (a /32) or `10.0.1.16/28` (a delegated prefix). */
export function parseEniAddress(text: string): Prefix | undefined {
  if (text.includes('/')) return parsePrefix(text, true);
  const addr = parseIpv4(text);
  return addr === undefined ? undefined : { addr, len: 32 };
}

export function formatEniAddress(p: Prefix): string {
  return p.len === 32 ? formatIpv4(p.addr) : `${formatIpv4(p.addr)}/${p.len}`;
}

export function eniOf(lab: Lab, vpc: VpcSpec, dev: Device): Eni {
  const nic = lab.nics.get(dev);
  const addresses = nic?.addresses
    ? nic.addresses.flatMap((text) => parseEniAddress(text) ?? [])
    : dev.addrs.map((a) => ({ addr: a.local, len: 32 }));
  const names = new Set(nic?.securityGroups ?? []);
  return {
    dev,
    id: `${dev.ns.machine}/${nic?.name ?? dev.name}`,
    addresses,
    sourceDestCheck: nic?.sourceDestCheck ?? true,
    groups: vpc.securityGroups.filter((g) => names.has(g.name)),
  };
}

/** Every ENI of the network, in machine order. */
export function enisOf(lab: Lab, vpc: VpcSpec): Eni[] {
  return lab.nicsOn(vpc.name).map((dev) => eniOf(lab, vpc, dev));
}

/** The ENI's address entry holding `addr` (its most specific one), if any. */
export function ownedBy(eni: Eni, addr: Ipv4): Prefix | undefined {
  let best: Prefix | undefined;
  for (const p of eni.addresses) if (inPrefix(addr, p) && (!best || p.len > best.len)) best = p;
  return best;
}

/** The ENI holding `addr` (the most specific address entry wins). */
export function eniHolding(enis: readonly Eni[], addr: Ipv4): { eni: Eni; prefix: Prefix } | undefined {
  let found: { eni: Eni; prefix: Prefix } | undefined;
  for (const eni of enis) {
    const prefix = ownedBy(eni, addr);
    if (prefix && (!found || prefix.len > found.prefix.len)) found = { eni, prefix };
  }
  return found;
}

/**
 * The VPC router's address: the first host address of the VPC's CIDR, as AWS reserves
 * `.1` of a subnet for it. Machines use it as their default gateway; the fabric answers ARP
 * for it with the router's MAC.
 */
export function routerAddress(vpc: VpcSpec): Ipv4 | undefined {
  return vpc.cidr.len <= 30 ? (vpc.cidr.addr + 1) >>> 0 : undefined;
}

export function routerMac(vpc: VpcSpec): Mac {
  return deterministicMac(`vpc-${vpc.name}`, '', 'router');
}

/** `host1/eth0 addresses 10.57.4.20, 192.168.10.0/24 sourceDestCheck on`: what a check read. */
export function describeEni(eni: Eni): string {
  const addrs = eni.addresses.map(formatEniAddress).join(', ') || '(none)';
  return `${eni.id} addresses ${addrs} sourceDestCheck ${eni.sourceDestCheck ? 'on' : 'off'}`;
}
