// The shape of a scenario file (DESIGN §4) as zod schemas. Objects are strict (an unknown key
// is an error that lists the known ones); messages that start with "expected" are shown to the
// user as they are (see zodIssues.ts). Scripts stay text here: load.ts parses them with their
// positions in the file.
import { z } from 'zod';
import { parseIpv4, parsePrefix } from '../engine/addr/ipv4';
import { parseMac } from '../engine/addr/mac';
import type { SecurityGroupSpec, SgRule } from '../engine/config/world';
import { parseEniAddress } from '../engine/fabric/vpcEni';
import { ipProtoName } from '../engine/packet/names';
import { DROP_REASONS, isDropReason } from '../engine/trace/dropReasons';
import { NAME_PATTERN, parseEndpoint, parseTarget, portProblem, type Parsed } from './endpoints';
import type { ScenarioErrorCode } from './errors';
import { MAX_LEVEL, MIN_LEVEL, TRACKS } from './track';

/** Extra data a custom issue carries for zodIssues.ts. */
export interface IssueParams {
  readonly code?: ScenarioErrorCode;
  /** Point at the key rather than its value. */
  readonly atKey?: boolean;
  /** An unknown key of the mapping at the issue's path. */
  readonly unknownKey?: string;
}

function strict<T extends z.ZodRawShape>(shape: T) {
  const known = `expected one of ${Object.keys(shape).join(' | ')}`;
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? known : undefined) });
}

/** A transform from the parsers in endpoints.ts: their message becomes the issue. */
function parsedWith<T>(parse: (text: string) => Parsed<T>) {
  return z.string().transform((text, ctx) => {
    const result = parse(text);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.message, input: text });
    return z.NEVER;
  });
}

const Name = z.string().regex(NAME_PATTERN, { error: 'expected a name of letters, digits, ".", "_" and "-"' });
const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lower-case letters, digits, ".", "_" and "-"' });
const Ifname = z.string().regex(/^[^/:\s]{1,15}$/, { error: 'expected a device name of 1 to 15 characters without "/", ":" or spaces' });
const Mac = z.string().refine((text) => parseMac(text) !== undefined, { error: 'expected a MAC address like 02:42:ac:11:00:02' });

/** `{ en, zh-CN }`, or one string used for both languages. */
export const I18nSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { en: value, 'zh-CN': value } : value),
  z.strictObject(
    { en: z.string(), 'zh-CN': z.string() },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? 'expected one of en | zh-CN' : issue.code === 'invalid_type' ? 'expected a text: a string, or { en: …, zh-CN: … }' : undefined,
    },
  ),
);

// Networks (DESIGN §3): a `switch` is only a name; a `vpc` has its CIDR, its route table and
// its security groups, and its NICs (ENIs) may say which addresses the cloud gave them, which
// groups they are in and whether the source/dest check is on. Cross-references (a NIC's groups
// exist in its network, a route's ENI exists, vpc-only fields only on vpc NICs) are checked
// in vpcRefs.ts, for the base file and for every variant.

/** An IPv4 address, or a CIDR delegated to the ENI (AWS prefix delegation). */
const EniAddress = z
  .string({ error: 'expected an IPv4 address like 10.0.1.5 or a CIDR like 10.0.1.16/28' })
  .refine((text) => parseEniAddress(text) !== undefined, { error: 'expected an IPv4 address like 10.0.1.5 or a CIDR without host bits like 10.0.1.16/28' });

/** The fields a NIC on a vpc network may set (vpcRefs.ts refuses them on a switch). */
export const ENI_FIELDS = ['addresses', 'securityGroups', 'sourceDestCheck'] as const;

const nicFields = {
  address: Mac.optional(),
  /** vpc: the ENI's private addresses, primary first */
  addresses: z.array(EniAddress).min(1, { error: 'expected at least one address (or leave addresses out to use the ones the script configures)' }).optional(),
  /** vpc: names of the network's security groups */
  securityGroups: z.array(z.string()).optional(),
  /** vpc: AWS's default is on */
  sourceDestCheck: z.boolean({ error: 'expected true or false' }).optional(),
};

export const NicSchema = strict({ name: Ifname, network: Name, ...nicFields });

/** A variant's change to a NIC: the NIC by name, and the fields it sets. */
export const NicOverrideSchema = strict({ name: Ifname, network: Name.optional(), ...nicFields });

const CidrPrefix = z
  .string({ error: 'expected a CIDR without host bits, like 10.244.0.0/16' })
  .refine((text) => text.includes('/') && parsePrefix(text, true) !== undefined, { error: 'expected a CIDR without host bits, like 10.244.0.0/16' })
  .transform((text) => parsePrefix(text, true)!);

const SG_PROTO = 'expected tcp | udp | icmp | all or an IP protocol number from 0 to 255 (4 is IP-in-IP)';
/** `tcp`, `udp`, `icmp`, `all`, or a number; 1, 6 and 17 are stored as their names. */
const SgProto = z.unknown().transform((value, ctx): SgRule['proto'] => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 255) {
    const name = ipProtoName(n);
    return name === 'icmp' || name === 'tcp' || name === 'udp' ? name : n;
  }
  if (value === 'tcp' || value === 'udp' || value === 'icmp' || value === 'all') return value;
  ctx.issues.push({ code: 'custom', message: SG_PROTO, input: value });
  return z.NEVER;
});

const PORTS = 'expected a port or a port range, like "8080" or "30000-32767" (0 to 65535)';
const SgPorts = z.unknown().transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text);
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!(from >= 0 && to <= 65535 && from <= to)) {
    ctx.issues.push({ code: 'custom', message: from > to ? `expected the lower port first, got "${text}"` : PORTS, input: value });
    return z.NEVER;
  }
  return { from, to };
});

/** Ports only mean something for tcp and udp. */
function portsOnlyForTcpUdp(rule: { proto: SgRule['proto']; ports?: unknown }, ctx: z.RefinementCtx): void {
  if (rule.ports !== undefined && rule.proto !== 'tcp' && rule.proto !== 'udp') {
    ctx.addIssue({ code: 'custom', path: ['ports'], message: `expected no ports: ports apply to tcp and udp only (${String(rule.proto)} matches every packet of its protocol)` });
  }
}

const IngressRuleSchema = strict({ proto: SgProto, ports: SgPorts.optional(), from: CidrPrefix })
  .superRefine(portsOnlyForTcpUdp)
  .transform(({ from, ...rule }): SgRule => ({ ...rule, cidr: from }));

const EgressRuleSchema = strict({ proto: SgProto, ports: SgPorts.optional(), to: CidrPrefix })
  .superRefine(portsOnlyForTcpUdp)
  .transform(({ to, ...rule }): SgRule => ({ ...rule, cidr: to }));

/** AWS gives a new group one egress rule that allows everything; `egress: []` allows nothing. */
const ALLOW_ALL_EGRESS: readonly SgRule[] = [{ proto: 'all', cidr: { addr: 0, len: 0 } }];

export const SecurityGroupSchema = strict({
  name: Name,
  stateful: z.boolean({ error: 'expected true or false' }).default(true),
  ingress: z.array(IngressRuleSchema).default([]),
  egress: z.array(EgressRuleSchema).optional(),
}).transform((group): SecurityGroupSpec => ({ ...group, egress: group.egress ?? ALLOW_ALL_EGRESS }));

const ENI_REF = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\/([^/:\s]{1,15})$/;

export const VpcRouteSchema = strict({
  dst: CidrPrefix,
  via: z.string({ error: 'expected MACHINE/NIC, like node2/eth0' }).transform((text, ctx) => {
    const m = ENI_REF.exec(text);
    if (!m) {
      ctx.issues.push({ code: 'custom', message: `expected MACHINE/NIC, like node2/eth0, got "${text}"`, input: text });
      return z.NEVER;
    }
    return { machine: m[1], nic: m[2] };
  }),
});

const SwitchNetworkSchema = strict({ name: Name, kind: z.literal('switch') });

const VpcNetworkSchema = strict({
  name: Name,
  kind: z.literal('vpc'),
  cidr: CidrPrefix,
  routes: z.array(VpcRouteSchema).default([]),
  securityGroups: z.array(SecurityGroupSchema).default([]),
}).superRefine((vpc, ctx) => {
  // what the cloud API refuses: two groups of one name, two routes for one destination
  const seen = new Map<string, number>();
  vpc.securityGroups.forEach((g, i) => {
    if (seen.has(g.name)) ctx.addIssue({ code: 'custom', path: ['securityGroups', i, 'name'], message: `expected each group name once; "${g.name}" is also securityGroups[${seen.get(g.name)}]` });
    else seen.set(g.name, i);
  });
  const dsts = new Map<string, number>();
  vpc.routes.forEach((r, i) => {
    const key = `${r.dst.addr}/${r.dst.len}`;
    if (dsts.has(key)) ctx.addIssue({ code: 'custom', path: ['routes', i, 'dst'], message: `expected each destination once; it is also routes[${dsts.get(key)}]` });
    else dsts.set(key, i);
  });
});

/** A network: its kind first (so the errors are those of the right kind), then that kind's fields. */
export const NetworkSchema = z
  .looseObject({ name: Name, kind: z.enum(['switch', 'vpc', 'internet']) })
  .superRefine((network, ctx) => {
    if (network.kind === 'internet') {
      const params: IssueParams = { code: 'not-supported' };
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'network kind internet is not supported yet (this version models switch and vpc networks)', params });
    }
  })
  .pipe(z.discriminatedUnion('kind', [SwitchNetworkSchema, VpcNetworkSchema]));

export const MachineSchema = strict({
  name: Name,
  role: z.enum(['node', 'client', 'router', 'host']).default('host'),
  nics: z.array(NicSchema).default([]),
  script: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
});

const DropReason = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, { error: "expected a drop reason in the kernel's spelling, like NEIGH_FAILED", abort: true })
  // a reason no trace can end with would make the flow's expectation fail forever, silently
  .refine(isDropReason, { error: (issue) => `unknown drop reason "${String(issue.input)}": expected one podpath reports (${DROP_REASONS.join(', ')})` });

export const ExpectationSchema = z.union([z.literal('delivered'), strict({ dropped: DropReason, at: Name.optional() })], {
  error: 'expected delivered or { dropped: REASON, at: MACHINE }',
});

const SIZE = { error: 'expected an IP packet size in bytes, from 28 to 65535' };

// The matrix view's declared-flows table (docs/matrix.md): a scenario may lay its flows out as
// its source article lays out its connectivity table. `matrix:` names the flow's row and column
// (several flows may share a cell: same row, same column); `article:` records what the article
// says of that cell, so the page and `podpath matrix` can mark where the computed verdict
// differs and show the note saying why.

/** Where a flow sits in the table: its row (the source, as the article names it) and its column (the target). */
export const FlowMatrixSchema = strict({ row: I18nSchema, column: I18nSchema });

/** What an article says of a cell: delivered, dropped (it does not say how), or a drop as a flow expects one. */
export const ArticleVerdictSchema = z.union([z.literal('delivered'), z.literal('dropped'), strict({ dropped: DropReason, at: Name.optional() })], {
  error: 'expected delivered, dropped, or { dropped: REASON, at: MACHINE }',
});

export const ArticleSchema = strict({
  /** the article's verdict for the lab as written */
  says: ArticleVerdictSchema,
  /** what the article says once it has made a variant's change (`{ fixed: delivered }`) */
  variants: z.record(z.string(), ArticleVerdictSchema).default({}),
  /** why the computed verdict differs from the article's, where it does (both languages) */
  note: I18nSchema.optional(),
});

export const FlowSchema = strict({
  id: Id,
  title: I18nSchema.optional(),
  from: parsedWith(parseEndpoint),
  to: z.string(),
  protocol: z.enum(['tcp', 'udp', 'icmp']),
  expect: ExpectationSchema.optional(),
  /** pins the random choices Linux makes (-m statistic, IPVS scheduling) to one reproducible draw */
  seed: z.number().int().nonnegative().optional(),
  /** IP total length of the request and reply (an MTU test: DF set, no local fragmentation) */
  size: z.number(SIZE).int(SIZE).min(28, SIZE).max(65535, SIZE).optional(),
  /** the flow's row and column in the matrix view's declared-flows table */
  matrix: FlowMatrixSchema.optional(),
  /** what the source article says of this flow's cell */
  article: ArticleSchema.optional(),
}).transform((flow, ctx) => {
  const target = parseTarget(flow.to);
  const problem = target.ok ? portProblem(flow.protocol, target.value, flow.to) : target.message;
  if (!target.ok || problem) {
    ctx.issues.push({ code: 'custom', path: ['to'], message: problem ?? '', input: flow.to });
    return z.NEVER;
  }
  if (flow.size !== undefined && flow.protocol === 'tcp') {
    const message = 'expected no size for a tcp flow: TCP cuts its data to the MSS and path MTU discovery, so it adapts instead of dropping; test the MTU with icmp (ping -M do -s) or udp';
    ctx.issues.push({ code: 'custom', path: ['size'], message, input: flow.size });
    return z.NEVER;
  }
  return { ...flow, to: target.value };
});

export const VariantSchema = strict({
  id: Id,
  title: I18nSchema,
  explain: I18nSchema.optional(),
  append: z.record(z.string(), z.string().nullish()).default({}),
  /** whole networks replaced by name (a switch lab's cloud variant) */
  networks: z.array(NetworkSchema).default([]),
  /** NIC settings changed per machine: `{ node1: [{ name: eth0, sourceDestCheck: false }] }` */
  nics: z.record(z.string(), z.array(NicOverrideSchema)).default({}),
  expect: z.record(z.string(), ExpectationSchema).default({}),
  /**
   * What this variant is the fix for: another variant's id, or `base` (the scenario as written).
   * "Apply the fix" follows these declarations only; a lesson chains them (step 1 fixes base,
   * step 2 fixes step 1 …).
   */
  fixes: Id.optional(),
});

export const TourStepSchema = strict({ flow: z.string(), at: z.string(), text: I18nSchema });

// The `kubernetes:` block: what kube-proxy sees of a cluster (its mode, the pod CIDR and the
// Services with their endpoints). The generators in ./generators turn it into the rules
// kube-proxy would write on each node; here only its shape is checked. Checks that need
// the machines' scripts (endpoint addresses, node names) live in crossRefs.ts.

const Ipv4Text = z.string().refine((text) => parseIpv4(text) !== undefined, { error: 'expected an IPv4 address like 10.96.0.100' });
const Cidr = z
  .string()
  .refine((text) => text.includes('/') && parsePrefix(text, true) !== undefined, { error: 'expected a CIDR without host bits, like 10.244.0.0/16' });
const PORT = { error: 'expected a port number from 1 to 65535' };
const PortNumber = z.number(PORT).int(PORT).min(1, PORT).max(65535, PORT);
/** DNS-1035 label, as Kubernetes requires of Service names. */
const ServiceName = z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'expected a Service name: lower-case letters, digits and "-", starting with a letter' });
/** DNS-1123 label, as Kubernetes requires of namespaces. */
const NamespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'expected a namespace name: lower-case letters, digits and "-"' });
/** IANA service name, as Kubernetes requires of port names. */
const PortName = z
  .string()
  .regex(/^(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a port name: lower-case letters, digits and single "-", with at least one letter' })
  .max(15, { error: 'expected a port name of at most 15 characters' });

export const KubeProxySchema = strict({ mode: z.enum(['iptables', 'ipvs']), clusterCIDR: Cidr });

export const ServicePortSchema = strict({
  name: PortName.optional(),
  port: PortNumber,
  targetPort: PortNumber.optional(),
  nodePort: PortNumber.optional(),
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
}).transform((port) => ({ ...port, targetPort: port.targetPort ?? port.port }));

export const ServiceSchema = strict({
  name: ServiceName,
  namespace: NamespaceName.default('default'),
  clusterIP: Ipv4Text,
  type: z.enum(['ClusterIP', 'NodePort']).default('ClusterIP'),
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).default('Cluster'),
  ports: z.array(ServicePortSchema).min(1, { error: 'expected at least one port' }),
  endpoints: z.array(parsedWith(parseEndpoint)).default([]),
}).superRefine((service, ctx) => {
  // What the API server would refuse (core/validation.ValidateService).
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (service.externalTrafficPolicy === 'Local' && service.type !== 'NodePort') {
    issue(['externalTrafficPolicy'], 'expected Cluster: externalTrafficPolicy Local applies only to type NodePort (or LoadBalancer)');
  }
  const seen = new Map<string, number>();
  service.ports.forEach((port, i) => {
    if (service.type === 'NodePort' && port.nodePort === undefined) {
      issue(['ports', i], 'missing required key `nodePort` (expected a port number: podpath does not allocate one, so every node agrees)');
    }
    if (service.type !== 'NodePort' && port.nodePort !== undefined) {
      issue(['ports', i, 'nodePort'], 'expected no nodePort: it may only be set when type is NodePort');
    }
    if (service.ports.length > 1 && port.name === undefined) {
      issue(['ports', i], 'missing required key `name` (expected a name for every port when a Service has more than one)');
    }
    const key = `${port.port}/${port.protocol}`;
    if (seen.has(key)) issue(['ports', i, 'port'], `expected each port and protocol once; ${key} is also ports[${seen.get(key)}]`);
    else seen.set(key, i);
  });
  const named = new Map<string, number>();
  service.ports.forEach((port, i) => {
    if (port.name === undefined) return;
    if (named.has(port.name)) issue(['ports', i, 'name'], `expected each port name once; "${port.name}" is also ports[${named.get(port.name)}]`);
    else named.set(port.name, i);
  });
});

export const KubernetesSchema = strict({
  kubeProxy: KubeProxySchema,
  /** Machines that run kube-proxy; by default every machine with role node. */
  nodes: z.array(Name).optional(),
  services: z.array(ServiceSchema).default([]),
});

// The catalogue's learning path (track.ts) and the articles a scenario's facts come from,
// named by their titles so the page never shows a file name.
const LEVEL = { error: `expected a level from ${MIN_LEVEL} (beginner) to ${MAX_LEVEL} (advanced)` };
export const TrackSchema = z.enum(TRACKS, { error: `expected one of ${TRACKS.join(' | ')}` });
export const LevelSchema = z.number(LEVEL).int(LEVEL).min(MIN_LEVEL, LEVEL).max(MAX_LEVEL, LEVEL);

export const ArticleRefSchema = strict({
  /** the seed file (or address) the facts were taken from, for authors; not shown */
  file: z.string().optional(),
  /** the article's title as it is published, and its English rendering */
  title: I18nSchema,
  /** the chapter or section used */
  part: I18nSchema.optional(),
});

export const ScenarioSchema = strict({
  id: Id,
  title: I18nSchema,
  summary: I18nSchema,
  tags: z.array(z.string()).default([]),
  source: z.string().default(''),
  /** the learning path: which track, and how advanced within the lab set */
  track: TrackSchema.optional(),
  level: LevelSchema.optional(),
  articles: z.array(ArticleRefSchema).default([]),
  networks: z.array(NetworkSchema).default([]),
  machines: z.array(MachineSchema).min(1, { error: 'expected at least one machine' }),
  kubernetes: KubernetesSchema.optional(),
  flows: z.array(FlowSchema).default([]),
  variants: z.array(VariantSchema).default([]),
  tour: z.array(TourStepSchema).default([]),
  layout: z.record(z.string(), z.tuple([z.number(), z.number()])).default({}),
});

export type ScenarioData = z.output<typeof ScenarioSchema>;
export type MachineData = z.output<typeof MachineSchema>;
export type FlowData = z.output<typeof FlowSchema>;
export type ArticleData = z.output<typeof ArticleSchema>;
export type VariantData = z.output<typeof VariantSchema>;
export type NetworkData = z.output<typeof NetworkSchema>;
export type NicOverrideData = z.output<typeof NicOverrideSchema>;
export type KubernetesData = z.output<typeof KubernetesSchema>;
export type ServiceData = z.output<typeof ServiceSchema>;
