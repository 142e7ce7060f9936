// Checks that what a scenario names exists: ids and names are unique, NICs plug into declared
// networks, flows start from existing machines and namespaces, variants edit existing
// machines and set expectations for existing flows, and every command runs in (or moves a
// device to) a namespace created before it. Reads the raw data leniently — each check runs
// whenever the fields it needs are well-formed — so a schema error elsewhere in the same
// flow or variant does not hide these.
import type { Op } from '../engine/config/ops';
import { parseEndpoint } from './endpoints';
import { scenarioError, type Position, type ScenarioErrorCode } from './errors';
import { clusterProblemErrors, resolveCluster } from './generators';
import type { ScenarioError } from './model';
import { KubernetesSchema } from './schema';
import { checkVpcReferences } from './vpcRefs';
import type { YamlPath, YamlSource } from './yamlSource';
import { formatPath } from './zodIssues';
import { isRecord, list, type Raw, records, text } from './rawYaml';

/** Parsed scripts, by index in the file: machines[i] and variants[i].append[machine]. */
export interface ParsedScripts {
  readonly machineOps: readonly (readonly Op[])[];
  readonly appendOps: readonly Readonly<Record<string, readonly Op[]>>[];
}


function namespacesCreated(ops: readonly Op[]): string[] {
  return ops.flatMap((op) => (op.op === 'netns-add' ? [op.name] : []));
}

export function checkReferences(raw: unknown, scripts: ParsedScripts, source: YamlSource, file: string): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const root = isRecord(raw) ? raw : {};
  const add = (at: Position, code: ScenarioErrorCode, path: YamlPath, message: string) =>
    errors.push(scenarioError(file, at, code, `${formatPath(path)}: ${message}`));

  /** Reports repeats of `key` in a section; returns the set of names. */
  const uniqueNames = (section: string, key: string, what: string): Set<string> => {
    const first = new Map<string, number>();
    for (const { index, item } of records(root[section])) {
      const name = text(item[key]);
      if (name === undefined) continue;
      const earlier = first.get(name);
      const path = [section, index, key];
      if (earlier === undefined) first.set(name, index);
      else add(source.locate(path), 'duplicate', path, `duplicate ${what} "${name}" (first at line ${source.locate([section, earlier, key]).line})`);
    }
    return new Set(first.keys());
  };

  const networks = uniqueNames('networks', 'name', 'network name');
  const machineNames = uniqueNames('machines', 'name', 'machine name');
  const flows = uniqueNames('flows', 'id', 'flow id');
  const variantIds = uniqueNames('variants', 'id', 'variant id');

  const machineIndex = new Map<string, number>();
  for (const { index, item } of records(root.machines)) {
    const name = text(item.name);
    if (name !== undefined && !machineIndex.has(name)) machineIndex.set(name, index);
  }
  const opsOf = (machine: string) => scripts.machineOps[machineIndex.get(machine) ?? -1] ?? [];

  const checkMachine = (path: YamlPath, name: unknown) => {
    if (typeof name === 'string' && !machineNames.has(name)) {
      add(source.locate(path), 'unknown-reference', path, `unknown machine "${name}"; machines: ${list(machineNames)}`);
    }
  };
  const checkExpectation = (path: YamlPath, expectation: unknown) => {
    // a drop in a network's fabric (vpc) happens at the network
    if (isRecord(expectation) && !(typeof expectation.at === 'string' && networks.has(expectation.at))) checkMachine([...path, 'at'], expectation.at);
  };

  for (const { index, item: machine } of records(root.machines)) {
    const seen = new Set<string>();
    for (const { index: n, item: nic } of records(machine.nics)) {
      const path = ['machines', index, 'nics', n];
      const name = text(nic.name);
      if (name !== undefined && seen.has(name)) add(source.locate([...path, 'name']), 'duplicate', [...path, 'name'], `duplicate NIC name "${name}" on ${String(machine.name)}`);
      if (name !== undefined) seen.add(name);
      const network = text(nic.network);
      if (network !== undefined && !networks.has(network)) {
        add(source.locate([...path, 'network']), 'unknown-reference', [...path, 'network'], `unknown network "${network}"; networks: ${list(networks)}`);
      }
    }
    errors.push(...checkNamespaces(scripts.machineOps[index] ?? [], new Set(), file));
  }

  for (const { index, item: flow } of records(root.flows)) {
    const path = ['flows', index, 'from'];
    const from = typeof flow.from === 'string' ? parseEndpoint(flow.from) : undefined;
    if (from?.ok) {
      const { machine, netns } = from.value;
      if (!machineNames.has(machine)) checkMachine(path, machine);
      else if (netns !== '' && !namespacesCreated(opsOf(machine)).includes(netns)) {
        add(source.locate(path), 'unknown-reference', path, `machine ${machine} has no namespace "${netns}"; its script creates: ${list(namespacesCreated(opsOf(machine)))}`);
      }
    }
    checkExpectation(['flows', index, 'expect'], flow.expect);
    // `article:` names a place like an expectation does, and variants by id
    const article = isRecord(flow.article) ? flow.article : {};
    checkExpectation(['flows', index, 'article', 'says'], article.says);
    for (const [variantId, verdict] of Object.entries(isRecord(article.variants) ? article.variants : {})) {
      const path = ['flows', index, 'article', 'variants'];
      if (!variantIds.has(variantId)) add(source.locateKey(path, variantId), 'unknown-reference', path, `unknown variant "${variantId}"; variants: ${list(variantIds)}`);
      checkExpectation([...path, variantId], verdict);
    }
  }

  for (const { index, item: variant } of records(root.variants)) {
    const id = text(variant.id);
    // `base` names the scenario as written wherever a variant is named
    if (id === 'base') add(source.locate(['variants', index, 'id']), 'duplicate', ['variants', index, 'id'], '"base" names the scenario as written; give the variant another id');
    const fixes = text(variant.fixes);
    if (fixes !== undefined) {
      const path = ['variants', index, 'fixes'];
      if (fixes === id) add(source.locate(path), 'unknown-reference', path, `a variant cannot be the fix for itself`);
      else if (fixes !== 'base' && !variantIds.has(fixes)) add(source.locate(path), 'unknown-reference', path, `unknown variant "${fixes}"; expected base (the scenario as written) or one of: ${list(variantIds)}`);
    }
    const append = isRecord(variant.append) ? variant.append : {};
    for (const machine of Object.keys(append)) {
      const path = ['variants', index, 'append'];
      if (!machineNames.has(machine)) {
        add(source.locateKey(path, machine), 'unknown-reference', path, `unknown machine "${machine}"; machines: ${list(machineNames)}`);
      } else {
        const ops = scripts.appendOps[index]?.[machine] ?? [];
        errors.push(...checkNamespaces(ops, new Set(namespacesCreated(opsOf(machine))), file));
      }
    }
    const expect = isRecord(variant.expect) ? variant.expect : {};
    for (const [flowId, expectation] of Object.entries(expect)) {
      const path = ['variants', index, 'expect'];
      if (!flows.has(flowId)) add(source.locateKey(path, flowId), 'unknown-reference', path, `unknown flow "${flowId}"; flows: ${list(flows)}`);
      checkExpectation([...path, flowId], expectation);
    }
  }

  for (const { index, item: step } of records(root.tour)) {
    const path = ['tour', index, 'flow'];
    const flow = text(step.flow);
    if (flow !== undefined && !flows.has(flow)) add(source.locate(path), 'unknown-reference', path, `unknown flow "${flow}"; flows: ${list(flows)}`);
  }

  for (const key of Object.keys(isRecord(root.layout) ? root.layout : {})) {
    if (!machineNames.has(key) && !networks.has(key)) {
      add(source.locateKey(['layout'], key), 'unknown-reference', ['layout'], `unknown machine or network "${key}"`);
    }
  }

  errors.push(...checkKubernetes(root, scripts, source, file));
  errors.push(...checkVpcReferences(root, source, file));
  return errors;
}

/**
 * The `kubernetes:` block against the machines: nodes exist, endpoints name existing
 * namespaces that have an address on eth0, Services and ClusterIPs are unique. Runs only
 * when the block's own shape is right (the schema pass reports the rest).
 */
function checkKubernetes(root: Raw, scripts: ParsedScripts, source: YamlSource, file: string): ScenarioError[] {
  if (root.kubernetes === undefined) return [];
  const block = KubernetesSchema.safeParse(root.kubernetes);
  if (!block.success) return [];
  const machines = records(root.machines).flatMap(({ index, item }) => {
    const name = text(item.name);
    return name === undefined ? [] : [{ name, role: text(item.role) ?? 'host', ops: scripts.machineOps[index] ?? [] }];
  });
  const { problems } = resolveCluster(block.data, machines);
  return clusterProblemErrors(problems, (path) => source.locate(path), file, formatPath);
}

/**
 * Every command must run in, and move devices to, a namespace that an earlier `ip netns add`
 * created (iproute2: `Cannot open network namespace "x": No such file or directory`).
 */
export function checkNamespaces(ops: readonly Op[], known: Set<string>, file: string): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const require = (op: Op, name: string, what: string) => {
    if (!known.has(name)) {
      errors.push(scenarioError(file, op.loc, 'unknown-netns', `${what} "${name}": No such file or directory (no \`ip netns add ${name}\` before this line)`));
    }
  };
  for (const op of ops) {
    if (op.netns !== '') require(op, op.netns, 'Cannot open network namespace');
    if (op.op === 'netns-add') known.add(op.name);
    if (op.op === 'link-add' && op.kind === 'veth' && op.peer.netns !== undefined) require(op, op.peer.netns, 'Cannot find peer namespace');
    if (op.op === 'link-set' && op.toNetns !== undefined) require(op, op.toNetns, 'Cannot find target namespace');
  }
  return errors;
}
