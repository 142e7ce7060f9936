// loadScenario(): YAML text → a validated Scenario, or every error in the file with its line
// and column. Four passes: YAML syntax, shape (zod), scripts (the command language), and
// cross-references; then the generators append what they write (kube-proxy's rules) to the
// scripts of the machines concerned. Never throws: a bug in podpath becomes an 'internal' error.
import type { Op } from '../engine/config/ops';
import { parseScript } from './commands/dispatch';
import { checkReferences } from './crossRefs';
import { byPosition, scenarioError, type Position } from './errors';
import { appendKubeProxy, resolveCluster, type Cluster } from './generators';
import type { NicSpec } from '../engine/config/world';
import type { FlowCell, LoadResult, MachineModel, NicOverride, Scenario, ScenarioError, ServiceTarget, VariantModel } from './model';
import { ScenarioSchema, type NicOverrideData, type ScenarioData } from './schema';
import { checkTextLimits, MAX_ALIAS_COUNT } from './inputLimits';
import { YamlSource, type YamlPath } from './yamlSource';
import { formatPath, issuesToErrors } from './zodIssues';
import { own } from './own';

/** Syntax errors reported per file; the rest are counted. */
const MAX_SYNTAX_ERRORS = 20;

export function loadScenario(text: string, file: string): LoadResult {
  try {
    return load(text, file);
  } catch (error) {
    return { ok: false, errors: [scenarioError(file, { line: 1, col: 1 }, 'internal', `podpath failed to load this file (a bug): ${String(error)}`)] };
  }
}

function load(text: string, file: string): LoadResult {
  const limit = checkTextLimits(text);
  if (limit) return failed([scenarioError(file, limit.pos, 'too-large', limit.message)]);
  const source = new YamlSource(text);
  const syntax = source.problems();
  if (syntax.length > 0) {
    // a broken file can have one problem per line: the first ones say what is wrong
    const shown = syntax.slice(0, MAX_SYNTAX_ERRORS).map((p) => scenarioError(file, p.pos, 'yaml-syntax', p.message));
    const more = syntax.length - shown.length;
    if (more > 0) shown.push(scenarioError(file, syntax[MAX_SYNTAX_ERRORS].pos, 'yaml-syntax', `… and ${more} more YAML syntax errors after this point`));
    return failed(shown);
  }

  let raw: unknown;
  try {
    raw = source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Aliases that expand without bound ("billion laughs").
    return failed([scenarioError(file, { line: 1, col: 1 }, 'yaml-syntax', `the YAML cannot be expanded: ${(error as Error).message}`)]);
  }
  const errors: ScenarioError[] = [];
  const shape = ScenarioSchema.safeParse(raw);
  if (!shape.success) errors.push(...issuesToErrors(shape.error.issues, raw, source, file));

  const parseText = (path: YamlPath): readonly Op[] => {
    const placed = source.scriptLines(path);
    if (!placed) return []; // not a string: the schema said so
    if ('problem' in placed) {
      errors.push(scenarioError(file, placed.problem.pos, 'schema', `${formatPath(path)}: ${placed.problem.message}`));
      return [];
    }
    const result = parseScript(placed.lines, file);
    errors.push(...result.errors);
    return result.ops;
  };

  const rawOf = (key: string): unknown[] => {
    const value = isRecord(raw) ? raw[key] : undefined;
    return Array.isArray(value) ? value : [];
  };
  const machineOps = rawOf('machines').map((_, i) => parseText(['machines', i, 'script']));
  const appendOps = rawOf('variants').map((variant, i) => {
    const append = isRecord(variant) && isRecord(variant.append) ? variant.append : {};
    return Object.fromEntries(Object.keys(append).map((machine) => [machine, parseText(['variants', i, 'append', machine])]));
  });

  errors.push(...checkReferences(raw, { machineOps, appendOps }, source, file));

  if (errors.length > 0 || !shape.success) return failed(errors);

  // Generators: kube-proxy's commands are appended to the scripts of the nodes that run it.
  let ops: readonly (readonly Op[])[] = machineOps;
  let scripts: readonly string[] = shape.data.machines.map((machine) => machine.script);
  let services: readonly ServiceTarget[] = [];
  let regenerated: readonly Record<string, readonly Op[]>[] = [];
  if (shape.data.kubernetes) {
    const machines = shape.data.machines.map((machine, i) => ({ name: machine.name, role: machine.role, ops: machineOps[i], script: machine.script }));
    const at = source.locateKey([], 'kubernetes');
    const generated = appendKubeProxy(shape.data.kubernetes, machines, at, file);
    if (generated.errors.length > 0) return failed(generated.errors);
    ops = generated.ops;
    scripts = generated.scripts;
    services = serviceTargets(resolveCluster(shape.data.kubernetes, machines).cluster);
    regenerated = appendOps.map((append) => regenerateKubeProxy(shape.data.kubernetes!, machines, append, ops, at, file));
  }
  return { ok: true, scenario: assemble(shape.data, file, ops, appendOps, scripts, services, regenerated) };
}

/**
 * kube-proxy as it would write its rules on the nodes a variant leaves behind (it reads
 * nf_conntrack_tcp_be_liberal and the node's addresses when it starts): for each machine whose
 * generated commands come out different, its script, the variant's commands, then the new
 * rules — the variant's change, then kube-proxy restarted.
 */
function regenerateKubeProxy(
  kubernetes: NonNullable<ScenarioData['kubernetes']>,
  machines: readonly { readonly name: string; readonly role: string; readonly ops: readonly Op[]; readonly script: string }[],
  append: Readonly<Record<string, readonly Op[]>>,
  generatedOps: readonly (readonly Op[])[],
  at: Position,
  file: string,
): Record<string, readonly Op[]> {
  if (!machines.some((m) => (own(append, m.name)?.length ?? 0) > 0)) return {};
  const changed = machines.map((m) => ({ ...m, ops: [...m.ops, ...(own(append, m.name) ?? [])] }));
  const again = appendKubeProxy(kubernetes, changed, at, file);
  if (again.errors.length > 0) return {};
  const texts = (list: readonly Op[]) => list.map((op) => op.text).join('\n');
  const out: Record<string, readonly Op[]> = {};
  machines.forEach((m, i) => {
    const before = generatedOps[i].slice(m.ops.length);
    const after = again.ops[i].slice(changed[i].ops.length);
    if (texts(before) !== texts(after)) out[m.name] = again.ops[i];
  });
  return out;
}

/** Every Service port as a destination: its ClusterIP, and its NodePort on each node's first address. */
function serviceTargets(cluster: Cluster | undefined): ServiceTarget[] {
  if (!cluster) return [];
  return cluster.servicePorts.flatMap((sp): ServiceTarget[] => {
    const protocol = sp.protocol === 'TCP' ? 'tcp' : 'udp';
    const base = { service: sp.servicePortName, protocol } as const;
    const nodePorts = sp.nodePort === undefined
      ? []
      : cluster.nodes.flatMap((node) => (node.addresses[0] ? [{ ...base, kind: 'node-port' as const, addr: node.addresses[0], port: sp.nodePort!, node: node.name }] : []));
    return [{ ...base, kind: 'cluster-ip', addr: sp.clusterIP, port: sp.port }, ...nodePorts];
  });
}

/** The flows' `matrix:` and `article:` fields, by flow id (only the flows that set one). */
function flowCells(flows: ScenarioData['flows']): Record<string, FlowCell> {
  const cells: Record<string, FlowCell> = {};
  for (const flow of flows) {
    if (!flow.matrix && !flow.article) continue;
    cells[flow.id] = {
      ...(flow.matrix ? { row: flow.matrix.row, column: flow.matrix.column } : {}),
      ...(flow.article ? { article: { says: flow.article.says, variants: flow.article.variants, ...(flow.article.note ? { note: flow.article.note } : {}) } } : {}),
    };
  }
  return cells;
}

function assemble(
  data: ScenarioData,
  file: string,
  machineOps: readonly (readonly Op[])[],
  appendOps: readonly Record<string, readonly Op[]>[],
  scripts: readonly string[],
  services: readonly ServiceTarget[],
  regenerated: readonly Record<string, readonly Op[]>[],
): Scenario {
  const machines: MachineModel[] = data.machines.map((machine, i) => ({
    name: machine.name,
    role: machine.role,
    nics: machine.nics.map((nic) => nicModel(nic) as NicSpec),
    ops: machineOps[i],
    script: scripts[i],
  }));
  const variants: VariantModel[] = data.variants.map((variant, i) => ({
    id: variant.id,
    title: variant.title,
    ...(variant.explain ? { explain: variant.explain } : {}),
    append: appendOps[i],
    appendText: Object.fromEntries(Object.entries(variant.append).map(([machine, text]) => [machine, text ?? ''])),
    ...(Object.keys(regenerated[i] ?? {}).length ? { regenerated: regenerated[i] } : {}),
    ...(variant.networks.length ? { networks: variant.networks } : {}),
    ...(Object.keys(variant.nics).length ? { nics: Object.fromEntries(Object.entries(variant.nics).map(([m, list]) => [m, list.map(nicModel)])) } : {}),
    expect: variant.expect,
    ...(variant.fixes !== undefined ? { fixes: variant.fixes } : {}),
  }));
  return {
    file,
    id: data.id,
    title: data.title,
    summary: data.summary,
    tags: data.tags,
    source: data.source,
    ...(data.track !== undefined ? { track: data.track } : {}),
    ...(data.level !== undefined ? { level: data.level } : {}),
    ...(data.articles.length ? { articles: data.articles } : {}),
    networks: data.networks,
    machines,
    flows: data.flows.map((flow) => ({
      id: flow.id,
      ...(flow.title ? { title: flow.title } : {}),
      from: flow.from,
      to: flow.to,
      protocol: flow.protocol,
      ...(flow.expect ? { expect: flow.expect } : {}),
      ...(flow.seed !== undefined ? { seed: flow.seed } : {}),
      ...(flow.size !== undefined ? { size: flow.size } : {}),
    })),
    variants,
    tour: data.tour,
    layout: data.layout,
    flowCells: flowCells(data.flows),
    services,
  };
}

/** A NIC as the engine takes it: the MAC in lower case, fields the file leaves out left out. */
function nicModel(nic: NicOverrideData): NicOverride {
  return Object.fromEntries(
    Object.entries({ ...nic, address: nic.address?.toLowerCase() }).filter(([, value]) => value !== undefined),
  ) as unknown as NicOverride;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failed(errors: readonly ScenarioError[]): LoadResult {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = `${e.line}:${e.col}:${e.code}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, errors: [...unique].sort(byPosition) };
}
