// -m set (extensions/libxt_set.c): --match-set NAME src|dst[,…], invertible, on an ipset; the
// counter options are refused as not modelled.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { unsupportedOptions, type MatchExtension, type RuleState } from '../extension';

export function setMatch(token: Token, _rule: RuleState): MatchExtension {
  let value: { not: boolean; name: string; flags: ('src' | 'dst')[] } | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: 'set',
    token,
    options: [
      {
        names: ['match-set'],
        args: 2,
        invert: true,
        parse: ([name, flags], not) => {
          if (name.value.length === 0 || name.value.length > 31) fail(name, `set name "${name.value}" must have 1 to 31 characters`);
          const list = flags.value.split(',');
          if (list.some((f) => f !== 'src' && f !== 'dst')) fail(flags, "You must specify (the comma separated list of) 'src' or 'dst'.");
          if (list.length > 6) fail(flags, "Can't be more src/dst options than 6.");
          value = { not, name: name.value, flags: list as ('src' | 'dst')[] };
        },
      },
      ...unsupportedOptions('return-nomatch', 'update-counters', 'update-subcounters', 'packets-eq', 'packets-lt', 'packets-gt', 'bytes-eq', 'bytes-lt', 'bytes-gt'),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, 'set: You must specify `--match-set\' with proper arguments');
    },
    build: () => ({ kind: 'set', ...value! }),
  };
  return ext;
}
