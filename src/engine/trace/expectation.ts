// Did a trace meet its flow's expectation? Shared by the CLI (`trace`, `matrix` exit codes)
// and the browser lab's worker; pure, no Node APIs.
import type { At, Drop, Expectation, Trace } from './types';

/** The drop of a trace: the first dropped leg of the conversation carries it (DESIGN §5; a lost redirect is none). */
export function traceDrop(trace: Pick<Trace, 'legs'>): Drop | undefined {
  return trace.legs.find((leg) => leg.verdict === 'dropped' && leg.drop && leg.packet !== 'redirect')?.drop;
}

/** `node1` or `node1/pod1`: how scenarios and output name a place. */
export function placeName(at: { readonly machine: string; readonly netns: string }): string {
  return at.netns ? `${at.machine}/${at.netns}` : at.machine;
}

/** `at: node1` matches any namespace of node1; `at: node1/pod1` only that namespace. */
function atMatches(want: string, at: At): boolean {
  return want === at.machine || want === placeName(at);
}

export function expectationMet(trace: Trace, expect: Expectation): boolean {
  return verdictMeets(trace.verdict, traceDrop(trace), expect);
}

/** The same test on a verdict and its drop (a matrix cell keeps only those). */
export function verdictMeets(verdict: Trace['verdict'], drop: Drop | undefined, expect: Expectation): boolean {
  if (expect === 'delivered') return verdict === 'delivered';
  if (verdict !== 'dropped') return false;
  if (!drop || drop.reason !== expect.dropped) return false;
  return expect.at === undefined || atMatches(expect.at, drop.at);
}

export function describeExpectation(expect: Expectation | undefined): string {
  if (expect === undefined) return '-';
  if (expect === 'delivered') return 'delivered';
  return expect.at ? `dropped ${expect.dropped} at ${expect.at}` : `dropped ${expect.dropped}`;
}

export function describeVerdict(trace: Trace): string {
  if (trace.verdict === 'delivered') return 'delivered';
  const drop = traceDrop(trace);
  return drop ? `dropped ${drop.reason} at ${placeName(drop.at)}` : 'dropped';
}
