// -m ttl (extensions/libipt_ttl.c): --ttl-eq N (invertible: IPT_TTL_NE), --ttl-lt N, --ttl-gt N,
// and the old --ttl N (same as --ttl-eq); exactly one, N from 0 to 255. xt_ttl reads the
// header as the hook sees it: at FORWARD, after ip_forward decremented it.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, type MatchExtension, type RuleState } from '../extension';
import { strtoui } from '../values';

type Mode = 'eq' | 'ne' | 'lt' | 'gt';

const OPTIONS = ['ttl-eq', 'ttl-lt', 'ttl-gt', 'ttl'] as const;

export function ttlMatch(token: Token, _rule: RuleState): MatchExtension {
  let value: { mode: Mode; ttl: number } | undefined;
  const option = (name: (typeof OPTIONS)[number], invert: boolean, mode: (not: boolean) => Mode) => ({
    names: [name],
    args: 1 as const,
    invert,
    parse: ([v]: Token[], not: boolean, opt: Token) => {
      exclusive(ext, opt, name, OPTIONS);
      const ttl = strtoui(v.value, 0xff);
      if (ttl === undefined) fail(v, `ttl: bad value for option "--${name}", or out of range (0-255).`);
      value = { mode: mode(not), ttl };
    },
  });
  const ext: MatchExtension = {
    kind: 'match',
    name: 'ttl',
    token,
    options: [
      option('ttl-eq', true, (not) => (not ? 'ne' : 'eq')),
      option('ttl-lt', false, () => 'lt'),
      option('ttl-gt', false, () => 'gt'),
      option('ttl', false, () => 'eq'),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
    },
    build: () => ({ kind: 'ttl', mode: value!.mode, ttl: value!.ttl }),
  };
  return ext;
}
