// A netfilter table walk as one step: consecutive rule matches of one leg, in one namespace,
// in one hook and table (one ipt_do_table call), such as kube-proxy's
// PREROUTING → KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…: DNAT. Found from the events alone
// (hook, table, chain and jump targets), never from chain names. Pure; no React.
import type { EventParams } from '../../engine/trace/events';
import { placeOf, type Step } from './steps';

export interface ChainWalk {
  /** The index of its first step: unique, and how the timeline and the expanded set name it. */
  readonly key: number;
  /** Indices of its first and last steps (consecutive). */
  readonly first: number;
  readonly last: number;
  readonly hook: string;
  readonly table: string;
  /** The chains entered, `→` for a jump into a chain, `,` for the next jump from a chain returned to. */
  readonly path: string;
  /** What the last rule did when it did not jump (DNAT, ACCEPT, DROP, RETURN …). */
  readonly target?: string;
}

type RuleStep = Step & { readonly event: { readonly code: 'nf.rule' | 'nf.policy' } };
type Params = EventParams['nf.rule'] | EventParams['nf.policy'];

function isRule(step: Step): step is RuleStep {
  return step.event.code === 'nf.rule' || step.event.code === 'nf.policy';
}

const params = (s: RuleStep) => s.event.params as Params;

/** Same leg, same namespace, same hook and table: one walk of one table. */
function sameWalk(a: RuleStep, b: RuleStep): boolean {
  const pa = params(a);
  const pb = params(b);
  return a.legIndex === b.legIndex && placeOf(a.event.at) === placeOf(b.event.at) && pa.hook === pb.hook && pa.table === pb.table;
}

/** Every walk of two or more rule steps, in order. */
export function chainWalks(steps: readonly Step[]): ChainWalk[] {
  const walks: ChainWalk[] = [];
  let run: RuleStep[] = [];
  const close = () => {
    if (run.length >= 2) walks.push(describeWalk(run));
    run = [];
  };
  for (const step of steps) {
    if (!isRule(step)) {
      close();
      continue;
    }
    if (run.length > 0 && !sameWalk(run[run.length - 1], step)) close();
    run.push(step);
  }
  close();
  return walks;
}

function describeWalk(run: readonly RuleStep[]): ChainWalk {
  const first = params(run[0]);
  const stack: string[] = [first.chain];
  let path = first.chain;
  let target: string | undefined;
  for (const step of run) {
    const p = params(step);
    let returned = false;
    if (stack[stack.length - 1] !== p.chain) {
      // The chain jumped into matched nothing more: back in one that called it.
      const at = stack.lastIndexOf(p.chain);
      if (at >= 0) stack.length = at + 1;
      else {
        stack.splice(0, stack.length, p.chain);
        path += ` · ${p.chain}`;
      }
      returned = at >= 0;
    }
    const jump = step.event.code === 'nf.rule' ? (step.event.params as EventParams['nf.rule']).target : undefined;
    if (jump?.chain !== undefined && (jump.kind === 'jump' || jump.kind === 'goto')) {
      path += `${returned ? ',' : ' →'} ${jump.chain}`;
      stack.push(jump.chain);
      target = undefined;
    } else {
      target = step.event.code === 'nf.policy' ? (step.event.params as EventParams['nf.policy']).policy : jump?.kind;
    }
  }
  return { key: run[0].index, first: run[0].index, last: run[run.length - 1].index, hook: first.hook, table: first.table, path, ...(target ? { target } : {}) };
}

/** The walk's one line: `PREROUTING → KUBE-SERVICES → KUBE-SVC-…: DNAT`. */
export function walkSummary(walk: ChainWalk): string {
  return walk.target ? `${walk.path}: ${walk.target}` : walk.path;
}
