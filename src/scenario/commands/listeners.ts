// Servers a script starts, so a namespace has a listening socket (DESIGN §3 "Listeners"):
// `socat TCP-LISTEN:80,fork …`, `socat UDP-LISTEN:53 …`, `nc -l [-k] [-u] [-p] PORT`,
// `iperf3 -s [-p N]` (5201), `python3 -m http.server [PORT]` (8000). Client invocations
// (nc without -l, iperf3 -c) are refused: flows, not scripts, send packets.
import type { Ipv4 } from '../../engine/addr/ipv4';
import type { OpBody } from '../../engine/config/ops';
import { Args, fail, readIpv4 } from './args';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

type Listen = Extract<OpBody, { op: 'listen' }>;

export const LISTENER_COMMANDS = new Set(['socat', 'nc', 'netcat', 'iperf3', 'python3']);

function readPort(token: Token, text = token.value): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) fail(token, `expected a port number from 1 to 65535, got "${text}"`);
  return port;
}

function listen(proto: 'tcp' | 'udp', port: number, addr: Ipv4 | undefined, command: string): Listen {
  return { op: 'listen', proto, port, ...(addr !== undefined ? { addr } : {}), command };
}

/** socat address types that listen, lower-cased; `-L` is socat's abbreviation of `-LISTEN`. */
const SOCAT_LISTEN: Record<string, 'tcp' | 'udp'> = {
  'tcp-listen': 'tcp',
  'tcp-l': 'tcp',
  'tcp4-listen': 'tcp',
  'tcp4-l': 'tcp',
  'udp-listen': 'udp',
  'udp-l': 'udp',
  'udp4-listen': 'udp',
  'udp4-l': 'udp',
};

/**
 * Options of the listening address podpath accepts: the ones that keep it an ordinary server
 * (forking, address reuse, a bind address, queue sizes). Anything else (`pty`, `su=`, `exec` side
 * effects …) is refused, so a lab never carries a command podpath does not model.
 */
const SOCAT_LISTEN_OPTIONS = new Set(['fork', 'reuseaddr', 'reuseport', 'keepalive', 'nodelay', 'bind', 'backlog', 'max-children']);

/**
 * The other address of a socat server: what it does with a request. podpath models a listener
 * as an echo server (every request answered, DESIGN §3 "Listeners"), so only the forms that
 * echo (cat, PIPE) or just hold the connection (`-`, STDIO) are accepted; `EXEC:"touch x"` or
 * `SYSTEM:…` running anything else is refused rather than copied into an exported script.
 */
const SOCAT_SERVER_SIDES = new Set(['exec:cat', 'exec:/bin/cat', 'exec:/usr/bin/cat', 'system:cat', 'pipe', '-', 'stdio']);

/** socat's own options: verbosity, hex dumps, timeouts. */
function readSocatOption(token: Token, args: Args): void {
  if (/^-(d+|v|x|4)$/.test(token.value)) return;
  if (token.value === '-T' || token.value === '-t') {
    const value = args.need(`a number of seconds after ${token.value}`);
    if (!/^\d+(\.\d+)?$/.test(value.value)) fail(value, `expected a number of seconds after ${token.value}, got "${value.value}"`);
    return;
  }
  fail(token, `socat option ${token.value} is not supported; expected socat [-d] [-v] [-T SECONDS] TCP-LISTEN:PORT[,fork…] EXEC:cat`);
}

function parseSocat(args: Args, command: string): Listen {
  const addresses: Token[] = [];
  while (!args.done) {
    const token = args.take()!;
    if (token.value.startsWith('-') && token.value !== '-') readSocatOption(token, args);
    else addresses.push(token);
  }
  if (addresses.length > 2) fail(addresses[2], `unexpected "${addresses[2].value}"; socat takes two addresses`);
  let listening: Listen | undefined;
  let other: Token | undefined;
  for (const address of addresses) {
    const [head, ...optionParts] = address.value.split(',');
    const colon = head.indexOf(':');
    const type = (colon < 0 ? head : head.slice(0, colon)).toLowerCase();
    if (/^(tcp6|udp6)-l(isten)?$/.test(type)) fail(address, 'IPv6 listeners are not modelled; use TCP-LISTEN or UDP-LISTEN');
    const proto = SOCAT_LISTEN[type];
    if (!proto || listening) {
      other = address;
      continue;
    }
    const port = readPort(address, colon < 0 ? '' : head.slice(colon + 1));
    let addr: Ipv4 | undefined;
    for (const option of optionParts) {
      const name = option.split('=', 1)[0].toLowerCase();
      if (!SOCAT_LISTEN_OPTIONS.has(name)) {
        fail(address, `socat option "${option}" is not supported; a listening address takes ${[...SOCAT_LISTEN_OPTIONS].join(', ')}`);
      }
      const value = option.slice(name.length + 1);
      if (name === 'bind') addr = readIpv4({ ...address, value }, 'a bind address');
      else if ((name === 'backlog' || name === 'max-children') && !/^\d+$/.test(value)) fail(address, `expected a number in ${option}`);
    }
    listening = listen(proto, port, addr, command);
  }
  if (!listening) fail(addresses[0] ?? args.lastPos(), 'socat starts no server here: expected a TCP-LISTEN:PORT or UDP-LISTEN:PORT address');
  if (other && !SOCAT_SERVER_SIDES.has(serverSideKey(other.value))) {
    fail(
      other,
      `socat server "${other.value}" is not modelled: podpath's listeners are echo servers; write EXEC:cat, SYSTEM:cat, PIPE, STDIO or - as the other address`,
    );
  }
  return listening;
}

/** `EXEC:cat` with its keyword in any case, the program as written. */
function serverSideKey(address: string): string {
  const colon = address.indexOf(':');
  return colon < 0 ? address.toLowerCase() : address.slice(0, colon).toLowerCase() + address.slice(colon);
}

/** nc / netcat, OpenBSD and traditional flavours: `nc -l 80`, `nc -lk 80`, `nc -l -p 80`, `nc -lu 53`. */
function parseNc(args: Args, command: string): Listen {
  let listening = false;
  let udp = false;
  let port: number | undefined;
  let addr: Ipv4 | undefined;
  const positional: Token[] = [];
  while (!args.done) {
    const token = args.take()!;
    if (!token.value.startsWith('-') || token.value === '-') {
      positional.push(token);
      continue;
    }
    const flags = token.value.slice(1);
    for (let k = 0; k < flags.length; k++) {
      const flag = flags[k];
      if ('lkvnNdD4'.includes(flag)) {
        if (flag === 'l') listening = true;
        continue;
      }
      if (flag === 'u') {
        udp = true;
        continue;
      }
      if ('psqwi'.includes(flag)) {
        // An option with a value: the rest of this word, or the next word.
        const rest = flags.slice(k + 1);
        const valueToken = rest ? { ...token, value: rest } : args.need(`a value for -${flag}`);
        if (flag === 'p') port = readPort(valueToken);
        if (flag === 's') addr = readIpv4(valueToken, 'a local address');
        break;
      }
      if (flag === '6') fail(token, 'IPv6 listeners are not modelled');
      fail(token, `nc option -${flag} is not supported; expected nc -l [-k] [-u] [-p] PORT`);
    }
  }
  if (!listening) fail(args.lastPos(), 'nc without -l is a client; podpath sends packets from flows, so a script only starts listeners (nc -l PORT)');
  if (positional.length > 2) fail(positional[2], `unexpected "${positional[2].value}"; expected nc -l [ADDRESS] PORT`);
  if (positional.length === 2) addr = readIpv4(positional[0], 'a local address');
  const portToken = positional[positional.length - 1];
  if (portToken) port = readPort(portToken);
  if (port === undefined) fail(args.lastPos(), 'expected the port to listen on (nc -l PORT)');
  return listen(udp ? 'udp' : 'tcp', port, addr, command);
}

function parseIperf3(args: Args, command: string): Listen {
  let server = false;
  let port = 5201;
  let addr: Ipv4 | undefined;
  while (!args.done) {
    const token = args.take()!;
    const [name, inlineValue] = token.value.startsWith('--') ? token.value.split('=', 2) : [token.value, undefined];
    const value = () => (inlineValue !== undefined ? { ...token, value: inlineValue } : args.need(`a value for ${name}`));
    switch (name) {
      case '-s':
      case '--server':
        server = true;
        break;
      case '-D':
      case '--daemon':
      case '-1':
      case '--one-off':
        break;
      case '-p':
      case '--port':
        port = readPort(value());
        break;
      case '-B':
      case '--bind':
        addr = readIpv4(value(), 'a bind address');
        break;
      case '-i':
      case '--interval':
        value();
        break;
      case '-c':
      case '--client':
        fail(token, 'iperf3 -c is a client; podpath sends packets from flows, so a script only starts servers (iperf3 -s)');
      default:
        fail(token, `iperf3 option ${token.value} is not supported; expected iperf3 -s [-p PORT] [-B ADDRESS] [-D]`);
    }
  }
  if (!server) fail(args.lastPos(), 'expected iperf3 -s (podpath models iperf3 servers only)');
  return listen('tcp', port, addr, command);
}

function parsePythonHttpServer(args: Args, command: string): Listen {
  const module = args.need('-m http.server');
  if (module.value !== '-m') fail(module, 'expected python3 -m http.server [PORT]');
  const name = args.need('http.server');
  if (name.value !== 'http.server') fail(name, `expected http.server, got "${name.value}"; podpath models python3 -m http.server only`);
  let port = 8000;
  let addr: Ipv4 | undefined;
  while (!args.done) {
    const token = args.take()!;
    if (token.value === '-b' || token.value === '--bind') addr = readIpv4(args.need('a bind address'), 'a bind address');
    else if (token.value.startsWith('--bind=')) addr = readIpv4({ ...token, value: token.value.slice(7) }, 'a bind address');
    else if (token.value === '-d' || token.value === '--directory') args.need('a directory');
    else if (/^\d+$/.test(token.value)) port = readPort(token);
    else fail(token, `unexpected "${token.value}"; expected python3 -m http.server [PORT] [--bind ADDRESS]`);
  }
  return listen('tcp', port, addr, command);
}

export const parseListener: CommandParser = (args, ctx) => {
  const words = args.remaining();
  const program = words[0];
  const command = ctx.shell.raw.text.slice(program.start, words[words.length - 1].end);
  const rest = new Args(words.slice(1), program.pos);
  switch (program.value) {
    case 'socat':
      return inContext(ctx, parseSocat(rest, command));
    case 'nc':
    case 'netcat':
      return inContext(ctx, parseNc(rest, command));
    case 'iperf3':
      return inContext(ctx, parseIperf3(rest, command));
    default:
      return inContext(ctx, parsePythonHttpServer(rest, command));
  }
};
