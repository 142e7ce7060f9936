// What buildWorld() takes: the machines, their NICs and networks, and each machine's script
// already parsed into ops (src/scenario does the parsing and validation).
import type { Loc, Op } from './ops';

export type NetworkKind = 'switch';

export interface NetworkSpec {
  readonly name: string;
  readonly kind: NetworkKind;
}

export interface NicSpec {
  readonly name: string; // device name in the machine's root namespace, e.g. eth0
  readonly network: string;
  readonly address?: string; // optional pinned MAC
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
export interface BuildError {
  readonly loc: Loc;
  readonly machine: string;
  readonly command: string;
  readonly message: string;
}
