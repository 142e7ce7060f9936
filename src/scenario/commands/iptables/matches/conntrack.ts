// -m conntrack --ctstate and -m state --state (extensions/libxt_conntrack.c, which also holds
// the state match): a list of connection states, invertible; -m state knows no SNAT/DNAT.
// conntrack's other options are refused as not modelled.
import type { CtState } from '../../../../engine/config/netfilter';
import { CT_STATE_ORDER } from '../../../../engine/kernel/netfilter/save';
import { fail } from '../../args';
import { unsupportedOptions, type MatchExtension, type MatchFactory } from '../extension';
import { readNameList } from '../values';

export const ctstateMatch = (module: 'conntrack' | 'state'): MatchFactory => (token) => {
  let value: { not: boolean; states: CtState[] } | undefined;
  const allowed = module === 'conntrack' ? CT_STATE_ORDER : CT_STATE_ORDER.filter((s) => s !== 'SNAT' && s !== 'DNAT');
  const option = module === 'conntrack' ? 'ctstate' : 'state';
  const ext: MatchExtension = {
    kind: 'match',
    name: module,
    token,
    options: [
      { names: [option], args: 1, invert: true, parse: ([v], not) => (value = { not, states: readNameList(v, allowed, [], option) }) },
      ...(module === 'conntrack'
        ? unsupportedOptions('ctproto', 'ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst', 'ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport', 'ctstatus', 'ctexpire', 'ctdir')
        : []),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, module === 'conntrack' ? 'conntrack: At least one option is required (podpath understands --ctstate)' : 'state: option "--state" must be specified');
    },
    build: () => ({ kind: 'ctstate', module, ...value! }),
  };
  return ext;
};
