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

  /** bumped when a machine or namespace is added: what allNamespaces() caches against */
  private nsVersion = 0;
  private namespaces?: { readonly version: number; readonly list: readonly Netns[] };
  private nicsByNetwork?: { readonly version: number; readonly byNetwork: Map<string, readonly Device[]> };

  addMachine(name: string): Netns {
    const root = new Netns(name, '');
    this.nsVersion++;
    this.machines.set(name, new Map([['', root]]));
    createDevice(root, 'lo', 'loopback', { mtu: 65536, mac: '00:00:00:00:00:00' });
    return root;
  }

  netns(machine: string, name: string): Netns | undefined {
    return this.machines.get(machine)?.get(name);
  }

  addNetns(machine: string, name: string): Netns {
    const ns = new Netns(machine, name);
    this.nsVersion++;
    this.machines.get(machine)!.set(name, ns);
    createDevice(ns, 'lo', 'loopback', { mtu: 65536, mac: '00:00:00:00:00:00' });
    return ns;
  }

  /** Every namespace, machine by machine, root first (cached until one is added). */
  allNamespaces(): readonly Netns[] {
    if (this.namespaces?.version !== this.nsVersion) {
      this.namespaces = { version: this.nsVersion, list: [...this.machines.values()].flatMap((m) => [...m.values()]) };
    }
    return this.namespaces.list;
  }

  /** NICs plugged into a network, in machine order (cached until a namespace or device table changes). */
  nicsOn(network: string): readonly Device[] {
    let version = this.nsVersion;
    for (const ns of this.allNamespaces()) version += ns.devices.version;
    if (this.nicsByNetwork?.version !== version) this.nicsByNetwork = { version, byNetwork: new Map() };
    let nics = this.nicsByNetwork.byNetwork.get(network);
    if (!nics) {
      const found: Device[] = [];
      for (const ns of this.allNamespaces()) for (const d of ns.orderedDevices()) if (d.kind === 'nic' && d.network === network) found.push(d);
      this.nicsByNetwork.byNetwork.set(network, (nics = found));
    }
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
