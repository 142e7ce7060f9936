// -m physdev (extensions/libxt_physdev.c): the bridge ports a bridged packet came in and goes
// out by (--physdev-in/--physdev-out, invertible), and whether it is bridged at all
// (--physdev-is-in, --physdev-is-out, --physdev-is-bridged); at least one of them.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import type { MatchExtension, OptionDef, RuleState } from '../extension';
import { readIface } from '../values';

export function physdevMatch(token: Token, _rule: RuleState): MatchExtension {
  let inDev: { not: boolean; iface: string } | undefined;
  let outDev: { not: boolean; iface: string } | undefined;
  let isIn = false;
  let isOut = false;
  let isBridged: { not: boolean } | undefined;
  const flag = (name: string, set: () => void): OptionDef => ({
    names: [name],
    args: 0,
    invert: true,
    parse: (_v, not, opt) => {
      if (not) fail(opt, `\`! --${name}' is not supported by podpath (only --physdev-is-bridged can be inverted here)`);
      set();
    },
  });
  const ext: MatchExtension = {
    kind: 'match',
    name: 'physdev',
    token,
    options: [
      { names: ['physdev-in'], args: 1, invert: true, parse: ([v], not) => (inDev = { not, iface: readIface(v) }) },
      { names: ['physdev-out'], args: 1, invert: true, parse: ([v], not) => (outDev = { not, iface: readIface(v) }) },
      flag('physdev-is-in', () => (isIn = true)),
      flag('physdev-is-out', () => (isOut = true)),
      { names: ['physdev-is-bridged'], args: 0, invert: true, parse: (_v, not) => (isBridged = { not }) },
    ],
    used: new Set(),
    finish: () => {
      if (ext.used.size === 0) fail(token, 'PHYSDEV: no physdev option specified');
    },
    build: () => ({
      kind: 'physdev',
      ...(inDev ? { in: inDev } : {}),
      ...(outDev ? { out: outDev } : {}),
      ...(isIn ? { isIn } : {}),
      ...(isOut ? { isOut } : {}),
      ...(isBridged ? { isBridged } : {}),
    }),
  };
  return ext;
}
