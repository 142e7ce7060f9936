// -j LOG (extensions/libxt_LOG.c): --log-level (0-7 or a syslog name) and --log-prefix (1 to
// 29 characters); the --log-tcp-*/--log-ip-options/--log-uid flags are refused as not modelled.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { unsupportedOptions, type RuleState, type TargetExtension } from '../extension';

const LOG_LEVELS: Record<string, string> = {
  emerg: '0', panic: '0', alert: '1', crit: '2', error: '3', warning: '4', notice: '5', info: '6', debug: '7',
};

export function logTarget(token: Token, _rule: RuleState): TargetExtension {
  let prefix: string | undefined;
  let level: string | undefined;
  return {
    kind: 'target',
    name: 'LOG',
    token,
    options: [
      {
        names: ['log-level'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          level = /^[0-7]$/.test(v.value) ? v.value : Object.hasOwn(LOG_LEVELS, v.value) ? LOG_LEVELS[v.value] : undefined;
          if (level === undefined) fail(v, `log level "${v.value}" unknown; expected 0-7 or emerg | alert | crit | error | warning | notice | info | debug`);
        },
      },
      {
        names: ['log-prefix'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          if (v.value.length === 0) fail(v, 'LOG: --log-prefix must have a minimum length of 1 characters');
          if (v.value.length > 29) fail(v, `Maximum prefix length 29 for --log-prefix; this one has ${v.value.length}`);
          prefix = v.value;
        },
      },
      ...unsupportedOptions('log-tcp-sequence', 'log-tcp-options', 'log-ip-options', 'log-uid', 'log-macdecode'),
    ],
    used: new Set(),
    finish: () => {},
    build: () => ({ kind: 'LOG', ...(prefix !== undefined ? { prefix } : {}), ...(level !== undefined ? { level } : {}) }),
  };
}
