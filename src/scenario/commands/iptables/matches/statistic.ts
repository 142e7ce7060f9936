// -m statistic (extensions/libxt_statistic.c): --mode random with --probability P, or --mode
// nth with --every N and --packet P (iptables 1.8.9 requires both); the one given is
// invertible.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, requireOption, type MatchExtension, type RuleState } from '../extension';
import { readUint } from '../values';

export function statisticMatch(token: Token, _rule: RuleState): MatchExtension {
  let mode: 'random' | 'nth' | undefined;
  let not = false;
  let probability: number | undefined;
  let every: number | undefined;
  let packet: number | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: 'statistic',
    token,
    options: [
      {
        names: ['mode'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          if (v.value !== 'random' && v.value !== 'nth') fail(v, `Bad mode "${v.value}"; expected random | nth`);
          mode = v.value;
        },
      },
      {
        names: ['probability'],
        args: 1,
        invert: true,
        parse: ([v], n, opt) => {
          exclusive(ext, opt, 'probability', ['every']);
          const p = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.value) ? Number(v.value) : NaN;
          if (!(p >= 0 && p <= 1)) fail(v, `statistic: bad value for option "--probability", or out of range (0-1): "${v.value}"`);
          probability = p;
          not = n;
        },
      },
      {
        names: ['every'],
        args: 1,
        invert: true,
        parse: ([v], n, opt) => {
          exclusive(ext, opt, 'every', ['probability']);
          every = readUint(v, 'statistic', 'every', 1);
          not = n;
        },
      },
      { names: ['packet'], args: 1, invert: false, parse: ([v]) => (packet = readUint(v, 'statistic', 'packet', 0)) },
    ],
    used: new Set(),
    finish: () => {
      requireOption(ext, 'mode');
      if (mode === 'random' && probability === undefined) fail(token, '--probability must be specified when using random mode');
      if (mode === 'nth' && every === undefined) fail(token, '--every must be specified when using nth mode');
      if (mode === 'random' && every !== undefined) fail(token, '--every can only be used in nth mode');
      // libxt_statistic in iptables 1.8.9 ties the two: "--every" also requires "--packet".
      if (every !== undefined && packet === undefined) fail(token, 'statistic: option "--every" also requires "--packet".');
      if (packet !== undefined && every === undefined) fail(token, 'statistic: option "--packet" also requires "--every".');
      if (every !== undefined && packet !== undefined && packet > every - 1) fail(token, 'the --packet p must be 0 <= p <= n-1');
    },
    build: () =>
      mode === 'random'
        ? { kind: 'statistic', not, mode: 'random', probability: probability! }
        : { kind: 'statistic', not, mode: 'nth', every: every!, packet: packet! },
  };
  return ext;
}
