// What a link asked for but the page cannot show (issue 15): `?flow=nope`, `?step=abc`,
// `?speed=99`, `?variant=nope`, `?filter=bad`, `?scenario=nope` … The page still opens (on
// what it would show without the parameter), and says which parameter it ignored and what it
// expected, so a mistyped or stale link is never silently a different view.
// Pure: parseUrl (url.ts) reads what is valid; this names what is not.
import { isLang } from '../../i18n/index';
import { parseFlowSpec } from '../../scenario/endpoints';
import { CUSTOM_FLOW_ID } from '../../store/lab';
import { SPEEDS } from '../../store/playback';
import { STEP_FILTERS } from './stepFilter';

export interface UrlProblem {
  readonly param: string;
  /** The value as the link gives it, cut to a readable length. */
  readonly value: string;
  /** What the parameter may be: literal values or a short pattern, language-neutral. */
  readonly expected: string;
}

const MAX_VALUE = 60;
const MAX_LISTED = 8;

function shown(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
}

function listed(values: readonly string[]): string {
  return values.length > MAX_LISTED ? `${values.slice(0, MAX_LISTED).join(', ')}, …` : values.join(', ');
}

/** Parameters that are flags: `1` on, `0` (or absent) off. */
const FLAGS = ['embed', 'autoplay', 'loop', 'caption', 'predict', 'camera', 'pairs', 'fold'];
/** Parameters with a fixed set of values. */
const CHOICES: Record<string, readonly string[]> = {
  theme: ['light', 'dark'],
  view: ['lab', 'matrix'],
  steps: ['timeline', 'ladder'],
  filter: STEP_FILTERS,
  speed: SPEEDS.map(String),
};

/** Problems visible from the link alone; `scenarios` are the URL names of the labs the page has. */
export function linkProblems(search: string, scenarios: readonly string[]): UrlProblem[] {
  const params = new URLSearchParams(search);
  const out: UrlProblem[] = [];
  const bad = (param: string, expected: string) => out.push({ param, value: shown(params.get(param) ?? ''), expected });

  const scenario = params.get('scenario');
  if (scenario !== null && !scenarios.includes(scenario)) bad('scenario', listed(scenarios));
  const lang = params.get('lang');
  if (lang !== null && !isLang(lang)) bad('lang', 'en, zh-CN');
  for (const [param, values] of Object.entries(CHOICES)) {
    const value = params.get(param);
    if (value !== null && !values.includes(value)) bad(param, values.join(', '));
  }
  for (const flag of FLAGS) {
    const value = params.get(flag);
    if (value !== null && value !== '0' && value !== '1') bad(flag, '0, 1');
  }
  const step = params.get('step');
  if (step !== null && !(/^\d+$/.test(step) && Number(step) >= 1)) bad('step', '1, 2, 3 …');
  if (params.get('flow') === CUSTOM_FLOW_ID) {
    const spec = parseFlowSpec(CUSTOM_FLOW_ID, params.get('from') ?? '', params.get('to') ?? '', params.get('proto') ?? '');
    if (!spec.ok) {
      const value = `from=${params.get('from') ?? ''}&to=${params.get('to') ?? ''}&proto=${params.get('proto') ?? ''}`;
      out.push({ param: 'flow=custom', value: shown(value), expected: 'from=MACHINE[/NETNS]&to=A.B.C.D[:PORT]&proto=tcp|udp|icmp' });
    }
  }
  return out;
}

/** Problems seen once the linked scenario is read: a variant or flow it does not have. */
export function scenarioLinkProblems(search: string, scenario: { readonly flows: readonly { id: string }[]; readonly variants: readonly { id: string }[] }): UrlProblem[] {
  const params = new URLSearchParams(search);
  const out: UrlProblem[] = [];
  const variant = params.get('variant');
  if (variant !== null && !scenario.variants.some((v) => v.id === variant)) {
    out.push({ param: 'variant', value: shown(variant), expected: listed(scenario.variants.map((v) => v.id)) || '—' });
  }
  const flow = params.get('flow');
  if (flow !== null && flow !== CUSTOM_FLOW_ID && !scenario.flows.some((f) => f.id === flow)) {
    out.push({ param: 'flow', value: shown(flow), expected: listed([...scenario.flows.map((f) => f.id), CUSTOM_FLOW_ID]) });
  }
  return out;
}
