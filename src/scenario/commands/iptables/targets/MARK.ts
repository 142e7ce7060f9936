// -j MARK (extensions/libxt_MARK.c, revision 2): --set-xmark, --set-mark, --and-mark, --or-mark
// or --xor-mark, one of them; every form becomes --set-xmark value/mask, as iptables-save
// prints it, and the form written is kept beside it. CONNMARK sets a connection's mark with
// the same forms (xmarkOptions).
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, type Extension, type OptionDef, type RuleState, type TargetExtension } from '../extension';
import { readMarkMask, readMarkValue } from '../values';

/** A form of setting a mark: whether it takes V/M or V, and the value/mask it means. */
interface XmarkForm {
  readonly name: string;
  readonly masked: boolean;
  readonly compute: (v: number, m: number | undefined) => { value: number; mask: number };
}

const XMARK_FORMS: readonly XmarkForm[] = [
  { name: 'set-xmark', masked: true, compute: (v, m) => ({ value: v, mask: m ?? 0xffffffff }) },
  { name: 'set-mark', masked: true, compute: (v, m) => ({ value: v, mask: m === undefined ? 0xffffffff : (m | v) >>> 0 }) },
  { name: 'and-mark', masked: false, compute: (v) => ({ value: 0, mask: ~v >>> 0 }) },
  { name: 'or-mark', masked: false, compute: (v) => ({ value: v, mask: v }) },
  { name: 'xor-mark', masked: false, compute: (v) => ({ value: v, mask: 0 }) },
];

/** The names of the forms, in libxt_MARK's order. */
export const XMARK_NAMES: readonly string[] = XMARK_FORMS.map((form) => form.name);

/**
 * The forms as options of `module`'s extension (`ext()`, read when an option is parsed): each
 * excludes the others of `ops`, and hands the value/mask it means, its name and its value word
 * to `set`.
 */
export function xmarkOptions(
  module: 'MARK' | 'CONNMARK',
  ext: () => Extension,
  ops: readonly string[],
  set: (xmark: { value: number; mask: number }, name: string, value: Token) => void,
): OptionDef[] {
  return XMARK_FORMS.map(({ name, masked, compute }) => ({
    names: [name],
    args: 1,
    invert: false,
    parse: ([v], _n, opt) => {
      exclusive(ext(), opt, name, ops);
      const read = masked ? readMarkMask(v, module, name) : { value: readMarkValue(v, module, name) };
      set(compute(read.value, read.mask), name, v);
    },
  }));
}

/** MARK (libxt_MARK revision 2): every form becomes --set-xmark value/mask. */
export function markTarget(token: Token, _rule: RuleState): TargetExtension {
  let result: { value: number; mask: number; written: string } | undefined;
  const ext: TargetExtension = {
    kind: 'target',
    name: 'MARK',
    token,
    options: xmarkOptions('MARK', () => ext, XMARK_NAMES, (xmark, name, v) => (result = { ...xmark, written: `--${name} ${v.value}` })),
    used: new Set(),
    finish: () => {
      if (!result) fail(token, 'MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
    },
    build: () => ({ kind: 'MARK', ...result! }),
  };
  return ext;
}
