// One network namespace (struct net): devices, routing tables, rules, neighbours, sysctls
// and listening sockets. Everything a packet's journey consults lives here.
import type { Ipv4 } from '../addr/ipv4';
import type { Device } from './dev/device';
import type { Route } from './fib/route';
import { FibTable } from './fib/table';
import { defaultRules, type Rule } from './fib/rules';
import type { NeighEntry } from './neigh/neighbour';
import { ConntrackTable } from './conntrack/table';
import { Ipvs } from './ipvs/ipvs';
import { Netfilter } from './netfilter/state';
import { newSysctlState, type SysctlState } from './sysctl';

export interface Listener {
  readonly proto: 'tcp' | 'udp';
  readonly port: number;
  readonly addr?: Ipv4; // bound address; undefined = INADDR_ANY
  readonly command: string;
}

/** The namespace's devices by name; counts its changes, so orderings derived from it are cached safely. */
export class DeviceTable extends Map<string, Device> {
  version = 0;
  override set(name: string, dev: Device): this {
    this.version++;
    return super.set(name, dev);
  }
  override delete(name: string): boolean {
    this.version++;
    return super.delete(name);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
}

export class Netns {
  readonly devices = new DeviceTable();
  /** routing tables by id (255 local, 254 main, 253 default, others as created) */
  readonly tables = new Map<number, FibTable>();
  rules: Rule[] = defaultRules();
  /** neighbour cache keyed by `${ifindex}|${ip}` */
  readonly neigh = new Map<string, NeighEntry>();
  /** next-hop exceptions a received redirect created: route → destination → gateway (fib/exception.ts) */
  readonly fnhe = new Map<Route, Map<Ipv4, Ipv4>>();
  readonly sysctl: SysctlState = newSysctlState();
  readonly listeners: Listener[] = [];
  readonly nf = new Netfilter();
  /** replaced with an empty table at the start of every traced conversation */
  conntrack = new ConntrackTable();
  readonly ipvs = new Ipvs();
  /** true once a user rule exists (fib4_has_custom_rules) */
  customRules = false;
  /**
   * Counts changes to the state a traced conversation may change (neighbours, FDBs; conntrack
   * keeps its own count), so the trace's state watcher only looks when something moved.
   */
  stateVersion = 0;
  private nextIfindex = 1;

  constructor(
    readonly machine: string,
    /** '' for the machine's root namespace */
    readonly name: string,
  ) {}

  get label(): string {
    return this.name ? `${this.machine}/${this.name}` : this.machine;
  }

  allocIfindex(): number {
    return this.nextIfindex++;
  }

  table(id: number): FibTable {
    let table = this.tables.get(id);
    if (!table) {
      table = new FibTable();
      this.tables.set(id, table);
    }
    return table;
  }

  private ordered?: { readonly version: number; readonly devices: readonly Device[] };

  /** Devices in ifindex order (for_each_netdev); sorted again only after the device table changed. */
  orderedDevices(): readonly Device[] {
    if (this.ordered?.version !== this.devices.version) {
      this.ordered = { version: this.devices.version, devices: [...this.devices.values()].sort((a, b) => a.ifindex - b.ifindex) };
    }
    return this.ordered.devices;
  }

  loopback(): Device {
    return this.devices.get('lo')!;
  }
}
