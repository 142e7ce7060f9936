// -j CONNMARK (extensions/libxt_CONNMARK.c, revision 1): set the connection's mark (with MARK's
// forms, MARK.ts), or --save-mark / --restore-mark between packet and connection through
// --nfmask and --ctmask (--mask sets both).
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, type OptionDef, type RuleState, type TargetExtension } from '../extension';
import { readMarkValue } from '../values';
import { XMARK_NAMES, xmarkOptions } from './MARK';

/** CONNMARK (libxt_CONNMARK revision 1). */
export function connmarkTarget(token: Token, _rule: RuleState): TargetExtension {
  let op: 'set-xmark' | 'save-mark' | 'restore-mark' | undefined;
  let value = 0;
  let mask = 0;
  let nfmask: number | undefined;
  let ctmask: number | undefined;
  let masks: { nf?: number; ct?: number; both?: number; token?: Token } = {};
  const ops = [...XMARK_NAMES, 'save-mark', 'restore-mark'];
  const maskOption = (name: 'mask' | 'nfmask' | 'ctmask'): OptionDef => ({
    names: [name],
    args: 1,
    invert: false,
    parse: ([v], _n, opt) => {
      exclusive(ext, opt, name, name === 'mask' ? ['nfmask', 'ctmask'] : ['mask']);
      const m = readMarkValue(v, 'CONNMARK', name);
      masks = { ...masks, token: opt, ...(name === 'mask' ? { both: m } : name === 'nfmask' ? { nf: m } : { ct: m }) };
    },
  });
  const ext: TargetExtension = {
    kind: 'target',
    name: 'CONNMARK',
    token,
    options: [
      ...xmarkOptions('CONNMARK', () => ext, ops, (xmark) => {
        ({ value, mask } = xmark);
        op = 'set-xmark';
      }),
      { names: ['save-mark'], args: 0, invert: false, parse: (_v, _n, opt) => (exclusive(ext, opt, 'save-mark', ops), (op = 'save-mark')) },
      { names: ['restore-mark'], args: 0, invert: false, parse: (_v, _n, opt) => (exclusive(ext, opt, 'restore-mark', ops), (op = 'restore-mark')) },
      maskOption('mask'),
      maskOption('nfmask'),
      maskOption('ctmask'),
    ],
    used: new Set(),
    finish: () => {
      if (!op) fail(token, 'CONNMARK target: No operation specified (expected --set-xmark, --set-mark, --save-mark or --restore-mark)');
      if (op === 'set-xmark') {
        // libxt_CONNMARK: --set-mark V/M --mask X replaces the mask; the others need save/restore.
        if (masks.both !== undefined && ext.used.has('set-mark')) mask = masks.both;
        else if (masks.token) fail(masks.token, 'CONNMARK: --mask, --nfmask and --ctmask go with --save-mark or --restore-mark');
        return;
      }
      nfmask = masks.both ?? masks.nf ?? 0xffffffff;
      ctmask = masks.both ?? masks.ct ?? 0xffffffff;
    },
    build: () =>
      op === 'set-xmark' ? { kind: 'CONNMARK', op, value, mask } : { kind: 'CONNMARK', op: op!, value: 0, mask: 0, nfmask: nfmask!, ctmask: ctmask! },
  };
  return ext;
}
