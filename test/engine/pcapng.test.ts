// The pcapng writer, read back block by block, and a trace's capture (capture.ts): which
// steps become packets, on which interface, with which bytes and timestamps.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine/index';
import { ipIdFor, STEP_US, traceCapture } from '../../src/engine/pcap/capture';
import { deviceHops, parseDeviceSelector } from '../../src/engine/pcap/hops';
import { LINKTYPE_ETHERNET, LINKTYPE_RAW, writePcapng } from '../../src/engine/pcap/pcapng';
import { emitView, parsePacket, viewOfLayers } from '../../src/engine/wire/packet';
import { worldSpecFor } from '../../src/scenario/index';
import { loadFile } from '../../src/scenario/testing';
import { readPcapng } from '../testing/pcapngFile';

const OPT_COMMENT = 1;
const IF_NAME = 2;
const SHB_USERAPPL = 4;

describe('writePcapng', () => {
  it('writes a section header, one interface block per interface and one packet block per packet', () => {
    const bytes = writePcapng(
      [{ name: 'node1:eth0', linktype: LINKTYPE_ETHERNET }, { name: 'node1:tunl0', linktype: LINKTYPE_RAW }],
      [
        { iface: 1, timestampUs: 5 * 2 ** 32 + 7, data: Uint8Array.from([1, 2, 3]), comment: 'step 7' },
        { iface: 0, timestampUs: 1000, data: Uint8Array.from([9, 9, 9, 9]) },
      ],
    );
    expect(bytes.length % 4).toBe(0);
    const r = readPcapng(bytes);
    expect(r.blockTypes).toEqual([0x0a0d0d0a, 1, 1, 6, 6]);
    expect(r.shbOptions[SHB_USERAPPL]).toBe('podpath');
    expect(r.interfaces.map((i) => [i.linktype, i.options[IF_NAME]])).toEqual([[1, 'node1:eth0'], [101, 'node1:tunl0']]);
    expect(r.packets[0]).toEqual({ iface: 1, timestampUs: 5 * 2 ** 32 + 7, data: Uint8Array.from([1, 2, 3]), options: { [OPT_COMMENT]: 'step 7' } });
    expect(r.packets[1]).toEqual({ iface: 0, timestampUs: 1000, data: Uint8Array.from([9, 9, 9, 9]), options: {} });
  });
  it('refuses a packet on an interface it does not describe', () => {
    expect(() => writePcapng([], [{ iface: 0, timestampUs: 0, data: new Uint8Array(1) }])).toThrow(RangeError);
  });
});

describe('a trace as a capture', () => {
  const scenario = loadFile('scenarios/calico-ipip.yaml');
  const world = buildWorld(worldSpecFor(scenario));
  const trace = world.trace(scenario.flows.find((f) => f.id === 'pod-a-ping-pod-b')!);
  const capture = traceCapture(trace);
  const file = readPcapng(capture.bytes);

  it('has one packet per device hop, in step order, one millisecond per step', () => {
    const hops = deviceHops(trace);
    expect(file.packets).toHaveLength(hops.length);
    expect(file.packets.map((p) => p.timestampUs)).toEqual(hops.map((h) => h.event.seq * STEP_US));
    expect(hops.every((h, i) => i === 0 || hops[i - 1].event.seq < h.event.seq)).toBe(true);
    // routing, netfilter and neighbour steps are not on a device
    const codes = new Set(hops.map((h) => h.event.code));
    for (const code of ['route.input', 'route.output', 'nf.rule', 'neigh.solicit']) expect(codes.has(code as never)).toBe(false);
  });
  it('names each interface machine[/netns]:dev, Ethernet except the ipip device, raw IP there', () => {
    const names = file.interfaces.map((i) => `${i.options[IF_NAME]} ${i.linktype}`);
    expect(names).toContain('node1/pod-a:eth0 1');
    expect(names).toContain('node1:eth0 1');
    expect(names).toContain('node1:tunl0 101');
    expect(names).toContain('node2:tunl0 101');
  });
  it('writes each packet as the trace shows it there, and reads back to that view', () => {
    capture.packets.forEach((c, n) => {
      const view = c.hop.event.packet;
      expect(file.packets[n].data).toEqual(emitView(view, { ipId: (d) => ipIdFor(c.hop.legIndex, d) }));
      expect(viewOfLayers(parsePacket(file.packets[n].data, c.iface.linktype === LINKTYPE_RAW ? 'ip' : 'ethernet'))).toEqual(view);
      expect(file.packets[n].options[OPT_COMMENT]).toBe(`step ${c.hop.event.seq}: ${c.hop.event.code} ${c.hop.dir} (${c.hop.event.fn}), ${c.hop.leg.packet}`);
    });
  });
  it('keeps only the devices asked for', () => {
    const only = traceCapture(trace, [parseDeviceSelector('node1:tunl0')!, parseDeviceSelector('node2/pod-b:eth0')!]);
    expect(new Set(only.interfaces.map((i) => i.name))).toEqual(new Set(['node1:tunl0', 'node2/pod-b:eth0']));
    expect(only.packets.length).toBeGreaterThan(0);
  });
});

describe('parseDeviceSelector', () => {
  it('reads machine:dev and machine/netns:dev', () => {
    expect(parseDeviceSelector('node1:eth0')).toEqual({ machine: 'node1', netns: '', dev: 'eth0' });
    expect(parseDeviceSelector('node1/pod-a:eth0')).toEqual({ machine: 'node1', netns: 'pod-a', dev: 'eth0' });
  });
  it('refuses anything else', () => {
    for (const bad of ['eth0', 'node1:', ':eth0', 'a/b/c:eth0', 'node1/pod:eth0:1']) expect(parseDeviceSelector(bad)).toBeUndefined();
  });
});
