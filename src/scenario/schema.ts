// The shape of a scenario file (DESIGN §4) as zod schemas. Objects are strict (an unknown key
// is an error that lists the known ones); messages that start with "expected" are shown to the
// user as they are (see zodIssues.ts). Scripts stay text here: load.ts parses them with their
// positions in the file.
import { z } from 'zod';
import { parseMac } from '../engine/addr/mac';
import { NAME_PATTERN, parseEndpoint, parseTarget, portProblem, type Parsed } from './endpoints';
import type { ScenarioErrorCode } from './errors';

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

export const NicSchema = strict({ name: Ifname, network: Name, address: Mac.optional() });

export const NetworkSchema = z
  .looseObject({ name: Name, kind: z.enum(['switch', 'vpc', 'internet']) })
  .superRefine((network, ctx) => {
    if (network.kind !== 'switch') {
      const params: IssueParams = { code: 'not-supported' };
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `network kind ${network.kind} is not supported yet (this version models switch networks)`, params });
      return;
    }
    for (const key of Object.keys(network)) {
      if (key === 'name' || key === 'kind') continue;
      const params: IssueParams = { unknownKey: key };
      ctx.addIssue({ code: 'custom', path: [], message: 'expected one of name | kind', params });
    }
  })
  .transform((network) => ({ name: network.name, kind: 'switch' as const }));

export const MachineSchema = strict({
  name: Name,
  role: z.enum(['node', 'client', 'router', 'host']).default('host'),
  nics: z.array(NicSchema).default([]),
  script: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
});

const DropReason = z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "expected a drop reason in the kernel's spelling, like NEIGH_FAILED" });

export const ExpectationSchema = z.union([z.literal('delivered'), strict({ dropped: DropReason, at: Name.optional() })], {
  error: 'expected delivered or { dropped: REASON, at: MACHINE }',
});

export const FlowSchema = strict({
  id: Id,
  title: I18nSchema.optional(),
  from: parsedWith(parseEndpoint),
  to: z.string(),
  protocol: z.enum(['tcp', 'udp', 'icmp']),
  expect: ExpectationSchema.optional(),
}).transform((flow, ctx) => {
  const target = parseTarget(flow.to);
  const problem = target.ok ? portProblem(flow.protocol, target.value, flow.to) : target.message;
  if (!target.ok || problem) {
    ctx.issues.push({ code: 'custom', path: ['to'], message: problem ?? '', input: flow.to });
    return z.NEVER;
  }
  return { ...flow, to: target.value };
});

export const VariantSchema = strict({
  id: Id,
  title: I18nSchema,
  explain: I18nSchema.optional(),
  append: z.record(z.string(), z.string().nullish()).default({}),
  expect: z.record(z.string(), ExpectationSchema).default({}),
});

export const TourStepSchema = strict({ flow: z.string(), at: z.string(), text: I18nSchema });

const NotSupported = (what: string) =>
  z.unknown().superRefine((_value, ctx) => {
    const params: IssueParams = { code: 'not-supported', atKey: true };
    ctx.addIssue({ code: 'custom', message: `${what} is not supported yet`, params });
  });

export const ScenarioSchema = strict({
  id: Id,
  title: I18nSchema,
  summary: I18nSchema,
  tags: z.array(z.string()).default([]),
  source: z.string().default(''),
  networks: z.array(NetworkSchema).default([]),
  machines: z.array(MachineSchema).min(1, { error: 'expected at least one machine' }),
  kubernetes: NotSupported('the kubernetes block (kube-proxy generators and services)').optional(),
  flows: z.array(FlowSchema).default([]),
  variants: z.array(VariantSchema).default([]),
  tour: z.array(TourStepSchema).default([]),
  layout: z.record(z.string(), z.tuple([z.number(), z.number()])).default({}),
});

export type ScenarioData = z.output<typeof ScenarioSchema>;
export type MachineData = z.output<typeof MachineSchema>;
export type FlowData = z.output<typeof FlowSchema>;
export type VariantData = z.output<typeof VariantSchema>;
export type NetworkData = z.output<typeof NetworkSchema>;
