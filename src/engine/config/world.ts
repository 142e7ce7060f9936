// What buildWorld() takes: the machines, their NICs and networks, and each machine's script
// already parsed into ops (src/scenario does the parsing and validation).
import type { Loc, Op } from './ops';
import type { LabWarning } from '../trace/types';

import type { Prefix } from '../addr/ipv4';

export type NetworkKind = 'switch' | 'vpc';

/** One rule of a security group (AWS-style): protocol, ports, and the peer CIDR. */
export interface SgRule {
  /** 'all' or an IP protocol: tcp, udp, icmp, or a number (4 = IP-in-IP). */
  readonly proto: 'all' | 'tcp' | 'udp' | 'icmp' | number;
  /** Inclusive port range for tcp/udp; undefined = all ports. */
  readonly ports?: { readonly from: number; readonly to: number };
  /** ingress: the source CIDR; egress: the destination CIDR. */
  readonly cidr: Prefix;
}

export interface SecurityGroupSpec {
  readonly name: string;
  /** AWS groups are stateful: replies of an allowed connection pass whatever the rules say. */
  readonly stateful: boolean;
  readonly ingress: readonly SgRule[];
  readonly egress: readonly SgRule[];
}

/** A VPC route: destination CIDR → the NIC (ENI) of a machine, as `machine/nic`. */
export interface VpcRouteSpec {
  readonly dst: Prefix;
  readonly via: { readonly machine: string; readonly nic: string };
}

export type NetworkSpec =
  | { readonly name: string; readonly kind: 'switch' }
  | {
      readonly name: string;
      readonly kind: 'vpc';
      readonly cidr: Prefix;
      readonly routes: readonly VpcRouteSpec[];
      readonly securityGroups: readonly SecurityGroupSpec[];
    };

export interface NicSpec {
  readonly name: string; // device name in the machine's root namespace, e.g. eth0
  readonly network: string;
  readonly address?: string; // optional pinned MAC
  /** vpc: the ENI's addresses, primary first, as the fabric knows them (the script still adds them to the device). */
  readonly addresses?: readonly string[];
  /** vpc: names of security groups (of the network) attached to this ENI. */
  readonly securityGroups?: readonly string[];
  /** vpc: drop packets whose source (egress) or destination (ingress) is not this ENI's; default true as in AWS. */
  readonly sourceDestCheck?: boolean;
}

export interface MachineSpec {
  readonly name: string;
  readonly role: 'node' | 'client' | 'router' | 'host';
  readonly nics: readonly NicSpec[];
  readonly ops: readonly Op[];
}

export interface WorldSpec {
  readonly networks: readonly NetworkSpec[];
  readonly machines: readonly MachineSpec[];
}

/**
 * A command that Linux would refuse while building the lab (`Cannot find device "veth9"`,
 * `RTNETLINK answers: File exists`, `Nexthop has invalid gateway`). The message is the one
 * the real tool prints, so a user recognises it.
 */
/** A command podpath accepted without modelling what it asks for (world.warnings), with its text. */
export interface BuildWarning extends LabWarning {
  readonly command: string;
}

export interface BuildError {
  readonly loc: Loc;
  readonly machine: string;
  readonly command: string;
  readonly message: string;
}
