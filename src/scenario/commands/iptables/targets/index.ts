// The targets podpath reads, by the name `-j NAME` loads (iptables finds
// extensions/libxt_NAME.so the same way); any other name is a chain to jump to.
import type { TargetFactory } from '../extension';
import { connmarkTarget } from './CONNMARK';
import { ctTarget, notrackTarget } from './CT';
import { logTarget } from './LOG';
import { markTarget } from './MARK';
import { masqueradeTarget, natTarget, redirectTarget } from './NAT';
import { rejectTarget } from './REJECT';
import { simpleTarget } from './standard';

export const TARGETS: Record<string, TargetFactory> = {
  ACCEPT: simpleTarget('ACCEPT'),
  DROP: simpleTarget('DROP'),
  RETURN: simpleTarget('RETURN'),
  NOTRACK: notrackTarget,
  REJECT: rejectTarget,
  DNAT: natTarget('DNAT'),
  SNAT: natTarget('SNAT'),
  MASQUERADE: masqueradeTarget,
  REDIRECT: redirectTarget,
  MARK: markTarget,
  CONNMARK: connmarkTarget,
  LOG: logTarget,
  CT: ctTarget,
};
