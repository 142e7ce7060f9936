// Every namespace of every machine, and the networks between machines: the whole state a
// scenario builds. Pure data; the walk (src/engine/walk) reads and updates it.
import { deterministicMac, type Mac } from '../addr/mac';
import type { NetworkKind, NetworkSpec, NicSpec } from '../config/world';
import type { Device, DevKind } from './dev/device';
import { Netns } from './netns';
import { devconfCreate } from './sysctl';

export class Lab {
  /** machine name → namespace name ('' = root) → namespace */
  readonly machines = new Map<string, Map<string, Netns>>();
  readonly networks = new Map<string, NetworkSpec>();
  /** Each NIC's spec as the scenario gave it (a vpc's ENI addresses, security groups, source/dest check). */
  readonly nics = new Map<Device, NicSpec>();

  networkKind(name: string): NetworkKind | undefined {
    return this.networks.get(name)?.kind;
  }

  addMachine(name: string): Netns {
    const root = new Netns(name, '');
    this.machines.set(name, new Map([['', root]]));
    createDevice(root, 'lo', 'loopback', { mtu: 65536, mac: '00:00:00:00:00:00' });
    return root;
  }

  netns(machine: string, name: string): Netns | undefined {
    return this.machines.get(machine)?.get(name);
  }

  addNetns(machine: string, name: string): Netns {
    const ns = new Netns(machine, name);
    this.machines.get(machine)!.set(name, ns);
    createDevice(ns, 'lo', 'loopback', { mtu: 65536, mac: '00:00:00:00:00:00' });
    return ns;
  }

  allNamespaces(): Netns[] {
    return [...this.machines.values()].flatMap((m) => [...m.values()]);
  }

  /** NICs plugged into a network, in machine order. */
  nicsOn(network: string): Device[] {
    const nics: Device[] = [];
    for (const ns of this.allNamespaces()) for (const d of ns.orderedDevices()) if (d.kind === 'nic' && d.network === network) nics.push(d);
    return nics;
  }
}

export function createDevice(
  ns: Netns,
  name: string,
  kind: DevKind,
  opts: { mac?: Mac; mtu?: number } = {},
): Device {
  const dev: Device = {
    ifindex: ns.allocIfindex(),
    name,
    kind,
    mac: opts.mac ?? deterministicMac(ns.machine, ns.name, name),
    mtu: opts.mtu ?? 1500,
    up: false,
    promisc: false,
    ns,
    addrs: [],
    fdb: kind === 'bridge' ? new Map() : undefined,
  };
  ns.devices.set(name, dev);
  devconfCreate(ns.sysctl, name);
  return dev;
}
