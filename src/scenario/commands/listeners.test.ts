import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf, opsOf } from './testing';

describe('listeners', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'socat TCP-LISTEN with fork, in the background',
      line: 'socat TCP-LISTEN:80,fork EXEC:cat &',
      op: { op: 'listen', proto: 'tcp', port: 80, command: 'socat TCP-LISTEN:80,fork EXEC:cat' },
    },
    {
      name: 'socat UDP-LISTEN',
      line: 'socat -T 2 UDP-LISTEN:53 SYSTEM:cat',
      op: { op: 'listen', proto: 'udp', port: 53, command: 'socat -T 2 UDP-LISTEN:53 SYSTEM:cat' },
    },
    {
      name: 'socat TCP4-LISTEN in lower case with nohup and redirections',
      line: 'nohup socat tcp4-listen:80,fork,reuseaddr exec:cat 2>&1 &',
      op: { op: 'listen', proto: 'tcp', port: 80, command: 'socat tcp4-listen:80,fork,reuseaddr exec:cat' },
    },
    {
      name: 'socat with options and a bind address',
      line: 'socat -d -d TCP-L:8080,bind=10.0.0.5,fork - > /dev/null',
      op: { op: 'listen', proto: 'tcp', port: 8080, addr: ip('10.0.0.5'), command: 'socat -d -d TCP-L:8080,bind=10.0.0.5,fork -' },
    },
    {
      name: 'socat listening on its second address',
      line: 'socat - UDP4-LISTEN:5353',
      op: { op: 'listen', proto: 'udp', port: 5353, command: 'socat - UDP4-LISTEN:5353' },
    },
    { name: 'nc -l PORT', line: 'nc -l 8080 &', op: { op: 'listen', proto: 'tcp', port: 8080, command: 'nc -l 8080' } },
    { name: 'nc -lk PORT', line: 'nc -lk 80', op: { op: 'listen', proto: 'tcp', port: 80, command: 'nc -lk 80' } },
    { name: 'nc -l -k -u -p PORT', line: 'nc -l -k -u -p 53', op: { op: 'listen', proto: 'udp', port: 53, command: 'nc -l -k -u -p 53' } },
    { name: 'nc -lup PORT (value after a flag group)', line: 'nc -lup 5000', op: { op: 'listen', proto: 'udp', port: 5000, command: 'nc -lup 5000' } },
    { name: 'nc -l ADDRESS PORT', line: 'nc -l 10.0.0.5 80', op: { op: 'listen', proto: 'tcp', port: 80, addr: ip('10.0.0.5'), command: 'nc -l 10.0.0.5 80' } },
    { name: 'iperf3 -s on its default port', line: 'iperf3 -s &', op: { op: 'listen', proto: 'tcp', port: 5201, command: 'iperf3 -s' } },
    { name: 'iperf3 -s -p N -D', line: 'iperf3 -s -p 5202 -D', op: { op: 'listen', proto: 'tcp', port: 5202, command: 'iperf3 -s -p 5202 -D' } },
    { name: 'iperf3 with long options', line: 'iperf3 --server --port=5300', op: { op: 'listen', proto: 'tcp', port: 5300, command: 'iperf3 --server --port=5300' } },
    {
      name: 'python3 -m http.server on its default port',
      line: 'python3 -m http.server &',
      op: { op: 'listen', proto: 'tcp', port: 8000, command: 'python3 -m http.server' },
    },
    {
      name: 'python3 -m http.server PORT --bind ADDRESS',
      line: 'python3 -m http.server 8080 --bind 10.0.0.5 > /tmp/http.log 2>&1 &',
      op: { op: 'listen', proto: 'tcp', port: 8080, addr: ip('10.0.0.5'), command: 'python3 -m http.server 8080 --bind 10.0.0.5' },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  it('starts a listener inside a namespace with `ip netns exec NS nohup …`', () => {
    const ops = opsOf('ip netns add pod-b\nip netns exec pod-b nohup socat TCP4-LISTEN:80,fork exec:cat 2>&1 &');
    expect(ops[1]).toEqual({ op: 'listen', proto: 'tcp', port: 80, command: 'socat TCP4-LISTEN:80,fork exec:cat', netns: 'pod-b' });
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'socat without a listening address', line: 'socat - TCP:10.0.0.1:80', col: 7, message: 'expected a TCP-LISTEN:PORT or UDP-LISTEN:PORT address' },
    { name: 'socat with a bad port', line: 'socat TCP-LISTEN:http EXEC:cat', col: 7, message: 'expected a port number from 1 to 65535, got "http"' },
    { name: 'an IPv6 socat listener', line: 'socat TCP6-LISTEN:80 -', col: 7, message: 'IPv6 listeners are not modelled' },
    { name: 'a socat server that runs a command', line: 'socat TCP-LISTEN:81,fork EXEC:"touch x"', col: 26, message: 'socat server "EXEC:touch x" is not modelled' },
    { name: 'a socat server that runs a shell', line: "socat UDP-LISTEN:53 SYSTEM:'echo hi'", col: 21, message: 'socat server "SYSTEM:echo hi" is not modelled' },
    { name: 'a socat listening option podpath does not model', line: 'socat TCP-LISTEN:80,fork,su=nobody EXEC:cat', col: 7, message: 'socat option "su=nobody" is not supported' },
    { name: 'a socat option podpath does not model', line: 'socat -lf /tmp/x TCP-LISTEN:80 EXEC:cat', col: 7, message: 'socat option -lf is not supported' },
    { name: 'a third socat address', line: 'socat TCP-LISTEN:80 EXEC:cat PIPE', col: 30, message: 'socat takes two addresses' },
    { name: 'nc as a client', line: 'nc 10.0.0.1 80', col: 13, message: 'nc without -l is a client' },
    { name: 'nc with a port out of range', line: 'nc -l 70000', col: 7, message: 'expected a port number from 1 to 65535' },
    { name: 'nc with an unknown flag', line: 'nc -lz 80', col: 4, message: 'nc option -z is not supported' },
    { name: 'iperf3 as a client', line: 'iperf3 -c 10.0.0.1', col: 8, message: 'iperf3 -c is a client' },
    { name: 'another python module', line: 'python3 -m SimpleHTTPServer', col: 12, message: 'expected http.server' },
  ];
  it.each(errors)('rejects $name', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
