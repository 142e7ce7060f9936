import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, opsOf, prefix } from './testing';

/** The last op of a script, without its namespace. */
function lastOp(script: string): OpBody {
  const ops = opsOf(script);
  const { netns: _netns, ...body } = ops[ops.length - 1];
  return body as OpBody;
}

describe('ipset', () => {
  const cases: { name: string; script: string; op: OpBody }[] = [
    { name: 'create a hash:ip set', script: 'ipset create KUBE-LOOP-BACK hash:ip', op: { op: 'ipset-create', name: 'KUBE-LOOP-BACK', type: 'hash:ip', exist: false } },
    {
      name: 'create with family, hashsize, maxelem, timeout and comment, and -exist',
      script: 'ipset -exist create KUBE-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536 timeout 0 comment',
      op: { op: 'ipset-create', name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', exist: true },
    },
    { name: 'create a bitmap:port set with its range', script: 'ipset create KUBE-NODE-PORT-TCP bitmap:port range 30000-32767', op: { op: 'ipset-create', name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', exist: false } },
    { name: 'create with the old -N form', script: 'ipset -N NETS hash:net', op: { op: 'ipset-create', name: 'NETS', type: 'hash:net', exist: false } },
    {
      name: 'add an address to a hash:ip set',
      script: 'ipset create S hash:ip\nipset add S 10.0.0.1',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.0.0.1/32'), text: '10.0.0.1' }, exist: false },
    },
    {
      name: 'add address,port with tcp by default',
      script: 'ipset create S hash:ip,port\nipset add S 10.96.0.1,443',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.96.0.1/32'), proto: 6, port: 443, text: '10.96.0.1,tcp:443' }, exist: false },
    },
    {
      name: 'add address,udp:port with -exist at the end',
      script: 'ipset create S hash:ip,port\nipset add S 10.96.0.10,UDP:53 -exist',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.96.0.10/32'), proto: 17, port: 53, text: '10.96.0.10,udp:53' }, exist: true },
    },
    {
      name: 'add a network, masked as ipset masks it',
      script: 'ipset create S hash:net\nipset add S 10.1.2.3/16',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.1.0.0/16'), text: '10.1.0.0/16' }, exist: false },
    },
    {
      name: 'add a /32 to hash:net, printed without its length',
      script: 'ipset create S hash:net\nipset add S 10.2.0.1',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.2.0.1/32'), text: '10.2.0.1' }, exist: false },
    },
    {
      name: 'add a hash:ip,port,ip entry (kube-proxy KUBE-LOOP-BACK)',
      script: 'ipset create S hash:ip,port,ip\nipset add S 10.244.1.5,tcp:8080,10.244.1.5',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.244.1.5/32'), proto: 6, port: 8080, ip2: prefix('10.244.1.5/32'), text: '10.244.1.5,tcp:8080,10.244.1.5' }, exist: false },
    },
    {
      name: 'add a hash:ip,port,net entry',
      script: 'ipset create S hash:ip,port,net\nipset add S 10.0.0.1,80,10.1.2.3/8',
      op: { op: 'ipset-add', name: 'S', entry: { ip: prefix('10.0.0.1/32'), proto: 6, port: 80, ip2: prefix('10.0.0.0/8'), text: '10.0.0.1,tcp:80,10.0.0.0/8' }, exist: false },
    },
    {
      name: 'add a port to a bitmap:port set (a protocol is accepted and not kept)',
      script: 'ipset create P bitmap:port range 30000-32767\nipset add P udp:30080',
      op: { op: 'ipset-add', name: 'P', entry: { port: 30080, text: '30080' }, exist: false },
    },
    {
      name: 'del an entry',
      script: 'ipset create S hash:ip\nipset del S 10.0.0.1',
      op: { op: 'ipset-del', name: 'S', entry: { ip: prefix('10.0.0.1/32'), text: '10.0.0.1' }, exist: false },
    },
    { name: 'add to a set created elsewhere: the entry shape decides (address,port)', script: 'ipset add OTHER 10.0.0.1,tcp:80', op: { op: 'ipset-add', name: 'OTHER', entry: { ip: prefix('10.0.0.1/32'), proto: 6, port: 80, text: '10.0.0.1,tcp:80' }, exist: false } },
    { name: 'add to a set created elsewhere: a network', script: 'ipset add OTHER 10.0.0.0/24', op: { op: 'ipset-add', name: 'OTHER', entry: { ip: prefix('10.0.0.0/24'), text: '10.0.0.0/24' }, exist: false } },
    { name: 'add to a set created elsewhere: a port', script: 'ipset add OTHER 30080', op: { op: 'ipset-add', name: 'OTHER', entry: { port: 30080, text: '30080' }, exist: false } },
    { name: 'flush one set', script: 'ipset flush S', op: { op: 'ipset-flush', name: 'S' } },
    { name: 'flush every set', script: 'ipset flush', op: { op: 'ipset-flush' } },
    { name: 'destroy one set', script: 'ipset destroy S', op: { op: 'ipset-destroy', name: 'S' } },
    { name: 'destroy every set, quietly', script: 'ipset -q destroy', op: { op: 'ipset-destroy' } },
  ];
  it.each(cases)('$name', ({ script, op }) => {
    expect(lastOp(script)).toEqual(op);
  });

  it('runs in the namespace of ip netns exec, where sets are separate', () => {
    const ops = opsOf('ip netns add a\nip netns exec a ipset create S hash:ip\nipset create S hash:net\nip netns exec a ipset add S 10.0.0.1');
    expect(ops.slice(1).map((op) => [op.op, op.netns])).toEqual([
      ['ipset-create', 'a'],
      ['ipset-create', ''],
      ['ipset-add', 'a'],
    ]);
  });

  it('forgets a destroyed set, so it can be created again with another type', () => {
    expect(opsOf('ipset create S hash:ip\nipset destroy S\nipset create S hash:net\nipset add S 10.0.0.0/8').map((op) => op.op)).toEqual([
      'ipset-create',
      'ipset-destroy',
      'ipset-create',
      'ipset-add',
    ]);
  });

  const errors: { name: string; script: string; line: number; col: number; message: string }[] = [
    { name: 'no command', script: 'ipset', line: 1, col: 1, message: 'expected an ipset command' },
    { name: 'an unknown command', script: 'ipset frob S', line: 1, col: 7, message: 'unknown command "frob"' },
    { name: 'a command podpath does not run', script: 'ipset list', line: 1, col: 7, message: '`ipset list` is not supported' },
    { name: 'create without a type', script: 'ipset create S', line: 1, col: 14, message: 'expected a set type' },
    { name: 'a set type podpath does not model', script: 'ipset create S hash:net,port', line: 1, col: 16, message: 'set type hash:net,port is not supported by podpath' },
    { name: 'an unknown set type', script: 'ipset create S hash:foo', line: 1, col: 16, message: "typename 'hash:foo' is unknown" },
    { name: 'a set name too long', script: 'ipset create ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456 hash:ip', line: 1, col: 14, message: 'invalid set name' },
    { name: 'inet6', script: 'ipset create S hash:ip family inet6', line: 1, col: 31, message: 'family inet6 is not supported' },
    { name: 'an unknown create option', script: 'ipset create S hash:ip foo', line: 1, col: 24, message: "Unknown argument: `foo'" },
    { name: 'range on a hash set', script: 'ipset create S hash:ip range 1-2', line: 1, col: 24, message: "Unknown argument: `range'" },
    { name: 'bitmap:port without range', script: 'ipset create P bitmap:port', line: 1, col: 16, message: "Mandatory option `range' is missing" },
    { name: 'a bad range', script: 'ipset create P bitmap:port range 40000-30000', line: 1, col: 34, message: 'expected a port range FROM-TO' },
    { name: 'a set created twice', script: 'ipset create S hash:ip\nipset create S hash:ip', line: 2, col: 14, message: 'set with the same name already exists' },
    { name: 'a set created again with -exist but another type', script: 'ipset create S hash:ip\nipset -exist create S hash:net', line: 2, col: 21, message: 'set with the same name already exists' },
    { name: 'add without an entry', script: 'ipset add S', line: 1, col: 11, message: 'expected an entry after the set name' },
    { name: 'an entry with a port in a hash:ip set', script: 'ipset create S hash:ip\nipset add S 10.0.0.1,80', line: 2, col: 13, message: 'Elem separator in 10.0.0.1,80, but settype hash:ip supports none' },
    { name: 'a network in a hash:ip set', script: 'ipset create S hash:ip\nipset add S 10.0.0.0/30', line: 2, col: 13, message: 'podpath takes one address per entry' },
    { name: 'an address without a port in a hash:ip,port set', script: 'ipset create S hash:ip,port\nipset add S 10.0.0.1', line: 2, col: 13, message: 'Second element is missing from 10.0.0.1' },
    { name: 'a port out of range', script: 'ipset create S hash:ip,port\nipset add S 10.0.0.1,tcp:70000', line: 2, col: 26, message: "'70000' is out of range 0-65535" },
    { name: 'a protocol without ports', script: 'ipset create S hash:ip,port\nipset add S 10.0.0.1,icmp:8', line: 2, col: 22, message: 'protocol "icmp" is not supported in ipset entries' },
    { name: 'a bad address', script: 'ipset create S hash:ip\nipset add S 10.0.0.256', line: 2, col: 13, message: 'cannot parse 10.0.0.256' },
    { name: 'the zero address in a hash set', script: 'ipset create S hash:ip\nipset add S 0.0.0.0', line: 2, col: 13, message: 'Null-valued element' },
    { name: 'a /0 network', script: 'ipset create S hash:net\nipset add S 0.0.0.0/0', line: 2, col: 13, message: 'The value of the CIDR parameter of the IP address is invalid' },
    { name: 'a network as the third part of hash:ip,port,ip', script: 'ipset create S hash:ip,port,ip\nipset add S 10.0.0.1,80,10.0.0.0/24', line: 2, col: 25, message: 'plain IP address must be supplied' },
    { name: 'a port outside a bitmap:port range', script: 'ipset create P bitmap:port range 30000-32767\nipset add P 100', line: 2, col: 13, message: 'Element is out of the range of the set' },
    { name: 'a port range in a bitmap:port entry', script: 'ipset create P bitmap:port range 30000-32767\nipset add P 30000-30002', line: 2, col: 13, message: 'podpath takes one port per entry' },
    { name: 'a per-entry timeout', script: 'ipset create S hash:ip timeout 60\nipset add S 10.0.0.1 timeout 10', line: 2, col: 22, message: 'per-entry option `timeout` is not supported' },
    { name: 'flush with two names', script: 'ipset flush A B', line: 1, col: 15, message: 'takes at most a set name' },
  ];
  it.each(errors)('rejects $name', ({ script, line, col, message }) => {
    const error = errorOf(script);
    expect(error.message).toContain(message);
    expect({ line: error.line, col: error.col, code: error.code }).toEqual({ line, col, code: 'bad-argument' });
  });
});
