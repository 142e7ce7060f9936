// Cross-references of vpc networks (DESIGN §3), checked for the file as written and again for
// every variant (which may replace networks and change NIC settings): a NIC's security groups
// exist in its network, a route's `via` names an ENI of the same VPC, the ENI-only NIC fields
// appear only on NICs of a vpc network, no two ENIs hold the same address; and a variant's
// network and NIC edits name networks, machines and NICs that exist. Reads the raw data
// leniently, like crossRefs.ts: each check runs when the fields it needs are well-formed.
// The same mistake seen in several variants is reported once (load.ts drops repeats).
import type { Prefix } from '../engine/addr/ipv4';
import { formatEniAddress, parseEniAddress } from '../engine/fabric/vpcEni';
import { scenarioError, type ScenarioErrorCode } from './errors';
import type { ScenarioError } from './model';
import { ENI_FIELDS } from './schema';
import type { YamlPath, YamlSource } from './yamlSource';
import { formatPath } from './zodIssues';
import { isRecord, list, type Raw, records, text } from './rawYaml';


/** A value with the place in the file it came from. */
interface Placed {
  readonly value: unknown;
  readonly path: YamlPath;
}

interface Network {
  readonly name: string;
  readonly raw: Raw;
  readonly path: YamlPath;
}

interface Nic {
  readonly machine: string;
  readonly name: string;
  /** each field as it ends up in this variant, with where it was set */
  readonly fields: ReadonlyMap<string, Placed>;
}

export function checkVpcReferences(root: Raw, source: YamlSource, file: string): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const add = (path: YamlPath, code: ScenarioErrorCode, message: string, atKey?: string) =>
    errors.push(scenarioError(file, atKey === undefined ? source.locate(path) : source.locateKey(path, atKey), code, `${formatPath(path)}: ${message}`));

  const networks: Network[] = [];
  for (const { index, item } of records(root.networks)) {
    const name = text(item.name);
    if (name !== undefined && !networks.some((n) => n.name === name)) networks.push({ name, raw: item, path: ['networks', index] });
  }
  const nics: Nic[] = [];
  const machines = new Map<string, string[]>();
  for (const { index, item: machine } of records(root.machines)) {
    const name = text(machine.name);
    if (name === undefined || machines.has(name)) continue;
    const own: string[] = [];
    machines.set(name, own);
    for (const { index: n, item: nic } of records(machine.nics)) {
      const nicName = text(nic.name);
      if (nicName === undefined || own.includes(nicName)) continue;
      own.push(nicName);
      const fields = new Map<string, Placed>();
      for (const [key, value] of Object.entries(nic)) fields.set(key, { value, path: ['machines', index, 'nics', n, key] });
      nics.push({ machine: name, name: nicName, fields });
    }
  }

  // what the file as written gets wrong is reported once (a variant does not repeat a mistake
  // at the same place); what only a variant's edits get wrong says which variant
  const seen = new Set<string>();
  checkWorld(networks, nics, machines, (path, code, message, atKey) => {
    seen.add(`${formatPath(path)}\0${code}`);
    add(path, code, message, atKey);
  });

  for (const { index: v, item: variant } of records(root.variants)) {
    const replaced = new Map<string, Network>();
    for (const { index: j, item } of records(variant.networks)) {
      const name = text(item.name);
      const path = ['variants', v, 'networks', j, 'name'];
      if (name === undefined) continue;
      if (!networks.some((n) => n.name === name)) {
        add(path, 'unknown-reference', `unknown network "${name}": a variant replaces networks by name; networks: ${list(networks.map((n) => n.name))}`);
      } else replaced.set(name, { name, raw: item, path: ['variants', v, 'networks', j] });
    }
    const edits = new Map<string, Map<string, Placed>>();
    const nicEdits = isRecord(variant.nics) ? variant.nics : {};
    for (const [machine, entries] of Object.entries(nicEdits)) {
      const own = machines.get(machine);
      if (!own) {
        add(['variants', v, 'nics'], 'unknown-reference', `unknown machine "${machine}"; machines: ${list(machines.keys())}`, machine);
        continue;
      }
      for (const { index: k, item } of records(entries)) {
        const nicName = text(item.name);
        if (nicName === undefined) continue;
        if (!own.includes(nicName)) {
          add(['variants', v, 'nics', machine, k, 'name'], 'unknown-reference', `machine ${machine} has no NIC "${nicName}"; its NICs: ${list(own)}`);
          continue;
        }
        const key = `${machine}/${nicName}`;
        const fields = edits.get(key) ?? new Map<string, Placed>();
        for (const [field, value] of Object.entries(item)) if (field !== 'name') fields.set(field, { value, path: ['variants', v, 'nics', machine, k, field] });
        edits.set(key, fields);
      }
    }
    if (replaced.size === 0 && edits.size === 0) continue;
    const effectiveNetworks = networks.map((n) => replaced.get(n.name) ?? n);
    const effectiveNics = nics.map((nic) => {
      const edit = edits.get(`${nic.machine}/${nic.name}`);
      return edit ? { ...nic, fields: new Map([...nic.fields, ...edit]) } : nic;
    });
    const id = text(variant.id) ?? `variants[${v}]`;
    checkWorld(effectiveNetworks, effectiveNics, machines, (path, code, message, atKey) => {
      if (!seen.has(`${formatPath(path)}\0${code}`)) add(path, code, `${message} (with variant ${id})`, atKey);
    }, v);
  }
  return errors;
}

type Add = (path: YamlPath, code: ScenarioErrorCode, message: string, atKey?: string) => void;

function checkWorld(networks: readonly Network[], nics: readonly Nic[], machines: ReadonlyMap<string, readonly string[]>, add: Add, variant?: number): void {
  const byName = new Map(networks.map((n) => [n.name, n]));
  const networkOf = (nic: Nic) => {
    const placed = nic.fields.get('network');
    const name = text(placed?.value);
    return { name, placed, network: name === undefined ? undefined : byName.get(name) };
  };

  for (const nic of nics) {
    const { name, placed, network } = networkOf(nic);
    // (an unknown network in the file itself is crossRefs.ts's to report)
    if (name !== undefined && !network && variant !== undefined && placed?.path[0] === 'variants') {
      add(placed.path, 'unknown-reference', `unknown network "${name}"; networks: ${list(byName.keys())}`);
    }
    if (!network) continue;
    const kind = text(network.raw.kind);
    if (kind === 'switch') {
      for (const field of ENI_FIELDS) {
        const set = nic.fields.get(field);
        if (set === undefined) continue;
        const why = network.path[0] === 'variants' ? ` (as ${formatPath(network.path)} makes it)` : '';
        add(set.path.slice(0, -1), 'schema', `expected no \`${field}\` on a NIC of switch network "${network.name}": addresses, securityGroups and sourceDestCheck describe an ENI of a vpc network${why}`, field);
      }
      continue;
    }
    if (kind !== 'vpc') continue;
    const groups = new Set(records(network.raw.securityGroups).flatMap(({ item }) => text(item.name) ?? []));
    const chosen = nic.fields.get('securityGroups');
    if (chosen && Array.isArray(chosen.value)) {
      chosen.value.forEach((group, k) => {
        if (typeof group === 'string' && !groups.has(group)) {
          add([...chosen.path, k], 'unknown-reference', `unknown security group "${group}" in network ${network.name}; its groups: ${list(groups)}`);
        }
      });
    }
  }

  for (const network of networks) {
    if (text(network.raw.kind) !== 'vpc') continue;
    for (const { index, item: route } of records(network.raw.routes)) {
      const via = text(route.via);
      const m = via === undefined ? null : /^([^/]+)\/([^/]+)$/.exec(via);
      if (!m) continue; // the schema explains the shape
      const path = [...network.path, 'routes', index, 'via'];
      const [, machine, nicName] = m;
      const own = machines.get(machine);
      if (!own) {
        add(path, 'unknown-reference', `unknown machine "${machine}"; machines: ${list(machines.keys())}`);
        continue;
      }
      if (!own.includes(nicName)) {
        add(path, 'unknown-reference', `machine ${machine} has no NIC "${nicName}"; its NICs: ${list(own)}`);
        continue;
      }
      const nic = nics.find((n) => n.machine === machine && n.name === nicName)!;
      const on = networkOf(nic).name;
      if (on !== undefined && on !== network.name) {
        add(path, 'unknown-reference', `expected an ENI of network ${network.name}: ${via} is on network ${on}`);
      }
    }
    checkAddresses(network, nics.filter((nic) => networkOf(nic).name === network.name), add);
  }
}

/** No address (or delegated prefix) held by two ENIs, or twice by one. */
function checkAddresses(network: Network, nics: readonly Nic[], add: Add): void {
  const held: { prefix: Prefix; owner: string; path: YamlPath }[] = [];
  for (const nic of nics) {
    const addresses = nic.fields.get('addresses');
    if (!addresses || !Array.isArray(addresses.value)) continue;
    addresses.value.forEach((entry, k) => {
      const prefix = typeof entry === 'string' ? parseEniAddress(entry) : undefined;
      if (!prefix) return;
      const owner = `${nic.machine}/${nic.name}`;
      const clash = held.find((h) => overlap(h.prefix, prefix));
      const path = [...addresses.path, k];
      if (clash) {
        const same = clash.prefix.addr === prefix.addr && clash.prefix.len === prefix.len;
        add(path, 'duplicate', `${formatEniAddress(prefix)} ${same ? 'is also' : `overlaps ${formatEniAddress(clash.prefix)},`} an address of ${clash.owner} in network ${network.name}`);
      } else held.push({ prefix, owner, path });
    });
  }
}

function overlap(a: Prefix, b: Prefix): boolean {
  const len = Math.min(a.len, b.len);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return ((a.addr & mask) >>> 0) === ((b.addr & mask) >>> 0);
}
