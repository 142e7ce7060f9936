// -j MARK (extensions/libxt_MARK.c, revision 2): --set-xmark, --set-mark, --and-mark, --or-mark
// or --xor-mark, one of them; every form becomes --set-xmark value/mask, as iptables-save
// prints it, and the form written is kept beside it.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, type OptionDef, type RuleState, type TargetExtension } from '../extension';
import { readMarkMask, readMarkValue } from '../values';

/** MARK (libxt_MARK revision 2): every form becomes --set-xmark value/mask. */
export function markTarget(token: Token, _rule: RuleState): TargetExtension {
  let result: { value: number; mask: number; written: string } | undefined;
  const ops = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'];
  const option = (name: string, masked: boolean, compute: (v: number, m: number | undefined) => { value: number; mask: number }): OptionDef => ({
    names: [name],
    args: 1,
    invert: false,
    parse: ([v], _n, opt) => {
      exclusive(ext, opt, name, ops);
      const read = masked ? readMarkMask(v, 'MARK', name) : { value: readMarkValue(v, 'MARK', name) };
      result = { ...compute(read.value, read.mask), written: `--${name} ${v.value}` };
    },
  });
  const ext: TargetExtension = {
    kind: 'target',
    name: 'MARK',
    token,
    options: [
      option('set-xmark', true, (v, m) => ({ value: v, mask: m ?? 0xffffffff })),
      option('set-mark', true, (v, m) => ({ value: v, mask: m === undefined ? 0xffffffff : (m | v) >>> 0 })),
      option('and-mark', false, (v) => ({ value: 0, mask: ~v >>> 0 })),
      option('or-mark', false, (v) => ({ value: v, mask: v })),
      option('xor-mark', false, (v) => ({ value: v, mask: 0 })),
    ],
    used: new Set(),
    finish: () => {
      if (!result) fail(token, 'MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
    },
    build: () => ({ kind: 'MARK', ...result! }),
  };
  return ext;
}
