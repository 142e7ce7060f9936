// -m mark and -m connmark (extensions/libxt_mark.c and libxt_connmark.c): --mark VALUE[/MASK],
// required and invertible, on the packet's mark or the connection's.
import { requireOption, type MatchExtension, type MatchFactory } from '../extension';
import { readMarkMask } from '../values';

export const markMatch = (module: 'mark' | 'connmark'): MatchFactory => (token) => {
  let value: { not: boolean; value: number; mask: number } | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: module,
    token,
    options: [
      {
        names: ['mark'],
        args: 1,
        invert: true,
        parse: ([v], not) => {
          const mark = readMarkMask(v, module, 'mark');
          value = { not, value: mark.value, mask: mark.mask ?? 0xffffffff };
        },
      },
    ],
    used: new Set(),
    finish: () => requireOption(ext, 'mark'),
    build: () => ({ kind: module, ...value! }),
  };
  return ext;
};
