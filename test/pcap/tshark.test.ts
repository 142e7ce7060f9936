// Every shipped scenario's flows, in every variant, written as `podpath pcap` writes them and
// read back by Wireshark's tshark: no malformed packet, no warning or error from its
// dissectors (checksums verified), and per packet the same addresses, ports, TTLs, IPv4
// lengths and DF, TCP flags, sequence and ACK numbers, ARP fields, ICMP types and
// encapsulation (VXLAN VNI, IP-in-IP) as the trace's header view at that step.
//
// Not counted: Wireshark's "Sequence" expert group (retransmission, duplicate ACK, no
// response seen …). A capture of one packet on every device it crosses shows the same TCP
// segment several times by design, and a flow the lab drops has no reply.
//
// One tshark run per scenario: the packets of all its captures go into one file (one section:
// tshark 4.0 mixes up the interfaces of a file with several), each flow 100 s after the last,
// every packet the bytes the CLI writes for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine/index';
import { traceCapture, type CapturedPacket } from '../../src/engine/pcap/capture';
import { writePcapng, type PcapngInterface, type PcapngPacket } from '../../src/engine/pcap/pcapng';
import type { HeaderView, PacketView } from '../../src/engine/packet/view';
import { worldSpecFor } from '../../src/scenario/index';
import { loadFile } from '../../src/scenario/testing';

const FIELDS = [
  'frame.interface_name', 'eth.src', 'eth.dst', 'arp.opcode', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4',
  'ip.src', 'ip.dst', 'ip.ttl', 'ip.proto', 'ip.len', 'ip.flags.df', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.seq_raw', 'tcp.ack_raw', 'udp.srcport', 'udp.dstport',
  'vxlan.vni', 'icmp.type', 'icmp.code',
] as const;
type Field = (typeof FIELDS)[number];
const EXPERT = ['_ws.expert.severity', '_ws.expert.group', '_ws.expert.message', '_ws.malformed'] as const;

// epan/proto.h
const PI_WARN = 0x00600000;
const PI_SEQUENCE = 0x02000000;
const PI_MALFORMED = 0x07000000;

function tshark(args: readonly string[]): { stdout: string; stderr: string } {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('tshark is not installed: run scripts/setup-test-deps.sh (it installs the Debian package tshark)');
  }
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  // tshark's notice when run as root is not about the capture
  return { stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('Running as user "root"')).join('\n') };
}

/** The fields tshark should print for a packet, from the trace's view, in dissection order. */
function expected(p: PacketView): Record<Field, string[]> {
  const out = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as Record<Field, string[]>;
  const walk = (headers: readonly HeaderView[], quoted = false) => {
    for (const [i, h] of headers.entries()) {
      // a quote holds its IPv4 header and 8 bytes more: an inner IPv4 header (a quoted
      // IP-in-IP packet) is cut there, after its total length and flags
      if (quoted && i > 0 && h.layer === 'ipv4') {
        out['ip.len'].push(String(h.length));
        out['ip.flags.df'].push(h.df ? '1' : '0');
        break;
      }
      switch (h.layer) {
        case 'eth':
          out['eth.src'].push(h.src);
          out['eth.dst'].push(h.dst);
          break;
        case 'arp':
          out['arp.opcode'].push(h.op === 'request' ? '1' : '2');
          out['arp.src.hw_mac'].push(h.senderMac);
          out['arp.src.proto_ipv4'].push(h.senderIp);
          out['arp.dst.hw_mac'].push(h.targetMac);
          out['arp.dst.proto_ipv4'].push(h.targetIp);
          break;
        case 'ipv4':
          out['ip.src'].push(h.src);
          out['ip.dst'].push(h.dst);
          out['ip.ttl'].push(String(h.ttl));
          out['ip.proto'].push(String(h.protocol));
          out['ip.len'].push(String(h.length));
          out['ip.flags.df'].push(h.df ? '1' : '0');
          break;
        case 'tcp':
          out['tcp.srcport'].push(String(h.sport));
          out['tcp.dstport'].push(String(h.dport));
          // of a quoted segment (8 bytes) tshark shows the ports only
          if (quoted) break;
          out['tcp.seq_raw'].push(String(h.seq));
          out['tcp.flags'].push(`0x${tcpFlagBits(h.flags).toString(16).padStart(4, '0')}`);
          out['tcp.ack_raw'].push(String(h.ack));
          break;
        case 'udp':
          out['udp.srcport'].push(String(h.sport));
          out['udp.dstport'].push(String(h.dport));
          break;
        case 'vxlan':
          out['vxlan.vni'].push(String(h.vni));
          break;
        case 'icmp':
          out['icmp.type'].push(String(h.type));
          out['icmp.code'].push(String(h.code));
          if (h.quoted) walk(h.quoted, true);
          break;
      }
    }
  };
  walk(p);
  return out;
}

const TCP_FLAG_BITS: Record<string, number> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 };
const tcpFlagBits = (flags: readonly string[]) => flags.reduce((bits, f) => bits | TCP_FLAG_BITS[f], 0);

const deviceNameOf = (c: CapturedPacket) => c.iface.name;

interface Checked {
  readonly label: string;
  readonly packet: CapturedPacket;
}

const dir = mkdtempSync(join(tmpdir(), 'podpath-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tshark reads every shipped scenario\'s captures as the trace shows them', () => {
  it('tshark is installed (scripts/setup-test-deps.sh installs it)', () => {
    expect(tshark(['--version']).stdout).toMatch(/^TShark/);
  });

  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort()) {
    it(file, () => {
      const scenario = loadFile(`scenarios/${file}`);
      const interfaces: PcapngInterface[] = [];
      const packets: PcapngPacket[] = [];
      const checked: Checked[] = [];
      const vxlanPorts = new Set<number>();
      for (const variant of [undefined, ...scenario.variants.map((v) => v.id)]) {
        const world = buildWorld(worldSpecFor(scenario, variant));
        for (const flow of scenario.flows) {
          const capture = traceCapture(world.trace(flow));
          const start = checked.length ? packets[packets.length - 1].timestampUs + 100e6 : 0;
          for (const packet of capture.packets) {
            let iface = interfaces.findIndex((i) => i.name === packet.iface.name && i.linktype === packet.iface.linktype);
            if (iface < 0) iface = interfaces.push(packet.iface) - 1;
            packets.push({ iface, timestampUs: start + packet.hop.event.seq * 1000, data: packet.data });
            checked.push({ label: `${variant ?? '(base)'} ${flow.id} step ${packet.hop.event.seq}`, packet });
            packet.hop.event.packet.forEach((h, i, p) => h.layer === 'udp' && p[i + 1]?.layer === 'vxlan' && vxlanPorts.add(h.dport));
          }
        }
      }
      expect(checked.length).toBeGreaterThan(0);
      const path = join(dir, `${file}.pcapng`);
      writeFileSync(path, writePcapng(interfaces, packets));

      const decode = [...vxlanPorts].filter((p) => p !== 4789).flatMap((p) => ['-d', `udp.port==${p},vxlan`]);
      const { stdout, stderr } = tshark([
        '-r', path, '-n', ...decode,
        '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE',
        '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=,',
        ...[...FIELDS, ...EXPERT].flatMap((f) => ['-e', f]),
      ]);
      expect(stderr).toBe('');
      const rows = stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
      expect(rows).toHaveLength(checked.length);

      const problems: string[] = [];
      rows.forEach((row, n) => {
        const { label, packet } = checked[n];
        const got = (f: string) => row[[...FIELDS, ...EXPERT].indexOf(f as Field)];
        if (got('frame.interface_name') !== deviceNameOf(packet)) problems.push(`${label}: interface ${got('frame.interface_name')}, expected ${deviceNameOf(packet)}`);
        const want = expected(packet.hop.event.packet);
        for (const f of FIELDS.slice(1)) {
          if (got(f) !== want[f].join(',')) problems.push(`${label} on ${deviceNameOf(packet)}: ${f} is "${got(f)}", the trace has "${want[f].join(',')}"`);
        }
        const severities = got('_ws.expert.severity').split(',').filter(Boolean).map(Number);
        const groups = got('_ws.expert.group').split(',').filter(Boolean).map(Number);
        const messages = got('_ws.expert.message').split(',');
        severities.forEach((s, i) => {
          if ((s >= PI_WARN && groups[i] !== PI_SEQUENCE) || groups[i] === PI_MALFORMED) problems.push(`${label} on ${deviceNameOf(packet)}: tshark says "${messages[i]}"`);
        });
        if (got('_ws.malformed')) problems.push(`${label} on ${deviceNameOf(packet)}: malformed packet`);
      });
      expect(problems.slice(0, 25)).toEqual([]);
    }, 60_000);
  }
});
