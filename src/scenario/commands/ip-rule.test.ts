import { describe, expect, it } from 'vitest';
import { TABLE_MAIN, type OpBody } from '../../engine/config/ops';
import { errorOf, opOf, prefix } from './testing';

describe('ip rule', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'a source rule with a priority',
      line: 'ip rule add from 10.0.0.5 lookup 1536 priority 1536',
      op: { op: 'rule-add', rule: { priority: 1536, from: prefix('10.0.0.5/32'), action: { type: 'lookup', table: 1536 } } },
    },
    {
      name: 'a destination rule with `pref` and `table main`',
      line: 'ip rule add to 10.0.0.5/32 table main pref 512',
      op: { op: 'rule-add', rule: { priority: 512, to: prefix('10.0.0.5/32'), action: { type: 'lookup', table: TABLE_MAIN } } },
    },
    {
      name: 'an inverted rule from all to a VPC CIDR',
      line: 'ip rule add not from all to 10.0.0.0/16 lookup main preference 1025',
      op: { op: 'rule-add', rule: { priority: 1025, not: true, from: prefix('0.0.0.0/0'), to: prefix('10.0.0.0/16'), action: { type: 'lookup', table: TABLE_MAIN } } },
    },
    {
      name: 'a fwmark rule with a hex mark and no mask',
      line: 'ip rule add fwmark 0x89 lookup main priority 110',
      op: { op: 'rule-add', rule: { priority: 110, fwmark: { value: 0x89, mask: 0xffffffff }, action: { type: 'lookup', table: TABLE_MAIN } } },
    },
    {
      name: 'a fwmark rule with a mask',
      line: 'ip rule add fwmark 0x1/0x1 lookup 100',
      op: { op: 'rule-add', rule: { fwmark: { value: 1, mask: 1 }, action: { type: 'lookup', table: 100 } } },
    },
    {
      name: 'input and output device selectors',
      line: 'ip rule add iif veth1 oif eth1 lookup 200',
      op: { op: 'rule-add', rule: { iif: 'veth1', oif: 'eth1', action: { type: 'lookup', table: 200 } } },
    },
    {
      name: '`dev` as the input device',
      line: 'ip rule add dev veth1 table 7',
      op: { op: 'rule-add', rule: { iif: 'veth1', action: { type: 'lookup', table: 7 } } },
    },
    {
      name: 'a blackhole action',
      line: 'ip rule add from 10.9.0.0/16 blackhole',
      op: { op: 'rule-add', rule: { from: prefix('10.9.0.0/16'), action: { type: 'blackhole' } } },
    },
    {
      name: 'an unreachable action written with `type`',
      line: 'ip rule add to 10.8.0.0/16 type unreachable',
      op: { op: 'rule-add', rule: { to: prefix('10.8.0.0/16'), action: { type: 'unreachable' } } },
    },
    {
      name: 'a prohibit action',
      line: 'ip rule add iif eth0 prohibit',
      op: { op: 'rule-add', rule: { iif: 'eth0', action: { type: 'prohibit' } } },
    },
    {
      name: 'an add without an action, which looks up table main',
      line: 'ip rule add from 10.7.0.0/16',
      op: { op: 'rule-add', rule: { from: prefix('10.7.0.0/16'), action: { type: 'lookup', table: TABLE_MAIN } } },
    },
    {
      name: 'a delete by priority, matching any action (table 0)',
      line: 'ip rule del priority 1536',
      op: { op: 'rule-del', rule: { priority: 1536, action: { type: 'lookup', table: 0 } } },
    },
    {
      name: 'a delete with its selector and table',
      line: 'ip rule delete from 10.0.0.5 lookup 1536',
      op: { op: 'rule-del', rule: { from: prefix('10.0.0.5/32'), action: { type: 'lookup', table: 1536 } } },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a named table podpath does not know', line: 'ip rule add from 10.0.0.5 lookup eni', col: 34, message: 'table id value is invalid' },
    { name: 'a bad fwmark', line: 'ip rule add fwmark lots lookup 100', col: 20, message: '"fwmark" value is invalid' },
    { name: 'a bad fwmark mask', line: 'ip rule add fwmark 0x1/zz lookup 100', col: 20, message: '"fwmask" value is invalid' },
    { name: 'a bad source prefix', line: 'ip rule add from 10.0.0.999 lookup 100', col: 18, message: 'expected a source prefix' },
    { name: 'an unsupported selector', line: 'ip rule add uidrange 0-100 lookup 100', col: 13, message: '`uidrange` is not supported' },
    { name: 'an unknown word', line: 'ip rule add from 10.0.0.5 frobnicate', col: 27, message: 'unexpected "frobnicate"' },
    { name: '`ip rule show`', line: 'ip rule show', col: 9, message: '`ip rule show` is not supported' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
