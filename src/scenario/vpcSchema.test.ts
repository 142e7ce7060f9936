// vpc networks in scenario files: what a valid file becomes (networks, ENIs, variants that
// replace networks and change NICs), and every mistake reported at its place, saying what was
// expected.
import { describe, expect, it } from 'vitest';
import { parsePrefix } from '../engine/addr/ipv4';
import { formatScenarioError } from './errors';
import { loadErrors, loadOk } from './testing';
import { worldSpecFor } from './variant';

const FILE = 'scenarios/v.yaml';
const P = (text: string) => parsePrefix(text, true)!;

const BASE = `id: v
title: V
summary: V
networks:
  - name: vpc
    kind: vpc
    cidr: 10.0.0.0/16
    routes:
      - { dst: 10.244.2.0/24, via: node2/eth0 }
    securityGroups:
      - name: nodes
        ingress:
          - { proto: tcp, ports: "30000-32767", from: 0.0.0.0/0 }
          - { proto: 4, from: 10.0.0.0/16 }
          - { proto: "6", ports: 22, from: 10.0.0.0/16 }
        egress:
          - { proto: all, to: 0.0.0.0/0 }
      - name: open
        stateful: false
        ingress: [{ proto: all, from: 0.0.0.0/0 }]
  - { name: lan, kind: switch }
machines:
  - name: node1
    nics:
      - { name: eth0, network: vpc, addresses: [10.0.1.10, 10.0.1.16/28], securityGroups: [nodes], sourceDestCheck: false }
      - { name: eth1, network: lan }
    script: |
      ip addr add 10.0.1.10/16 dev eth0
  - name: node2
    nics:
      - { name: eth0, network: vpc, securityGroups: [nodes, open] }
    script: |
      ip addr add 10.0.2.20/16 dev eth0
flows:
  - { id: ping, from: node1, to: 10.0.2.20, protocol: icmp, expect: { dropped: SECURITY_GROUP_DENY, at: vpc } }
variants:
  - id: opened
    title: Opened
    networks:
      - name: vpc
        kind: vpc
        cidr: 10.0.0.0/16
        securityGroups: [{ name: nodes, ingress: [{ proto: all, from: 0.0.0.0/0 }] }]
    nics:
      node2: [{ name: eth0, securityGroups: [nodes] }]
      node1: [{ name: eth0, sourceDestCheck: true }]
    expect: { ping: delivered }
`;

/** 1-based line and column of the first occurrence of `needle` (after `after`, if given). */
function at(text: string, needle: string, after = ''): { line: number; col: number } {
  const index = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

describe('a vpc network in a scenario file', () => {
  const scenario = loadOk(BASE, FILE);

  it('becomes the network spec the engine takes', () => {
    expect(scenario.networks[0]).toEqual({
      name: 'vpc',
      kind: 'vpc',
      cidr: P('10.0.0.0/16'),
      routes: [{ dst: P('10.244.2.0/24'), via: { machine: 'node2', nic: 'eth0' } }],
      securityGroups: [
        {
          name: 'nodes',
          stateful: true,
          ingress: [
            { proto: 'tcp', ports: { from: 30000, to: 32767 }, cidr: P('0.0.0.0/0') },
            { proto: 4, cidr: P('10.0.0.0/16') },
            { proto: 'tcp', ports: { from: 22, to: 22 }, cidr: P('10.0.0.0/16') },
          ],
          egress: [{ proto: 'all', cidr: P('0.0.0.0/0') }],
        },
        // a group without egress rules gets AWS's default: everything out
        { name: 'open', stateful: false, ingress: [{ proto: 'all', cidr: P('0.0.0.0/0') }], egress: [{ proto: 'all', cidr: P('0.0.0.0/0') }] },
      ],
    });
    expect(scenario.networks[1]).toEqual({ name: 'lan', kind: 'switch' });
  });

  it("keeps each ENI's addresses, groups and source/dest check on its NIC", () => {
    expect(scenario.machines[0].nics).toEqual([
      { name: 'eth0', network: 'vpc', addresses: ['10.0.1.10', '10.0.1.16/28'], securityGroups: ['nodes'], sourceDestCheck: false },
      { name: 'eth1', network: 'lan' },
    ]);
  });

  it('lets a variant replace a network by name and change NIC settings', () => {
    const base = worldSpecFor(scenario);
    const opened = worldSpecFor(scenario, 'opened');
    expect(opened.networks[0]).toMatchObject({ name: 'vpc', routes: [], securityGroups: [{ name: 'nodes', ingress: [{ proto: 'all' }] }] });
    expect(opened.networks[1]).toBe(base.networks[1]);
    expect(opened.machines[1].nics).toEqual([{ name: 'eth0', network: 'vpc', securityGroups: ['nodes'] }]);
    // fields the variant does not set stay as the file has them
    expect(opened.machines[0].nics[0]).toEqual({ ...scenario.machines[0].nics[0], sourceDestCheck: true });
    expect(base.machines[1].nics[0].securityGroups).toEqual(['nodes', 'open']);
  });

  it('lets a variant turn a switch network into a vpc, with the ENI fields set by the variant', () => {
    const text = `${BASE}  - id: cloud-lan
    title: Cloud
    networks: [{ name: lan, kind: vpc, cidr: 192.168.0.0/16, securityGroups: [{ name: g }] }]
    nics:
      node1: [{ name: eth1, addresses: [192.168.1.1], securityGroups: [g] }]
`;
    const spec = worldSpecFor(loadOk(text, FILE), 'cloud-lan');
    expect(spec.networks[1]).toMatchObject({ name: 'lan', kind: 'vpc' });
    expect(spec.machines[0].nics[1]).toEqual({ name: 'eth1', network: 'lan', addresses: ['192.168.1.1'], securityGroups: ['g'] });
  });
});

describe('mistakes in vpc networks', () => {
  // count: how many errors the file has (a variant edit that fails to apply can leave another)
  const cases: { name: string; edit: (t: string) => string; needle: string; after?: string; code: string; message: string; count?: number }[] = [
    { name: 'an unknown protocol', edit: (t) => t.replace('proto: tcp,', 'proto: tcpp,'), needle: 'tcpp', code: 'schema', message: 'networks[0].securityGroups[0].ingress[0].proto: expected tcp | udp | icmp | all or an IP protocol number from 0 to 255 (4 is IP-in-IP)' },
    { name: 'a protocol number out of range', edit: (t) => t.replace('proto: 4,', 'proto: 300,'), needle: '300,', code: 'schema', message: 'ingress[1].proto: expected tcp | udp | icmp | all or an IP protocol number' },
    { name: 'a port range upside down', edit: (t) => t.replace('"30000-32767"', '"32767-30000"'), needle: '"32767-30000"', code: 'schema', message: 'ingress[0].ports: expected the lower port first, got "32767-30000"' },
    { name: 'ports that are not ports', edit: (t) => t.replace('"30000-32767"', '"http"'), needle: '"http"', code: 'schema', message: 'ingress[0].ports: expected a port or a port range, like "8080" or "30000-32767"' },
    { name: 'a port out of range', edit: (t) => t.replace('ports: 22', 'ports: 70000'), needle: '70000', code: 'schema', message: 'ingress[2].ports: expected a port or a port range' },
    { name: 'ports on a protocol without ports', edit: (t) => t.replace('{ proto: 4, from', '{ proto: 4, ports: "80", from'), needle: '"80"', code: 'schema', message: 'ingress[1].ports: expected no ports: ports apply to tcp and udp only (4 matches every packet of its protocol)' },
    { name: 'a rule CIDR with host bits', edit: (t) => t.replace('{ proto: 4, from: 10.0.0.0/16 }', '{ proto: 4, from: 10.0.0.1/16 }'), needle: '10.0.0.1/16', code: 'schema', message: 'ingress[1].from: expected a CIDR without host bits, like 10.244.0.0/16' },
    { name: 'an ingress rule with `to`', edit: (t) => t.replace('{ proto: 4, from:', '{ proto: 4, to:'), needle: 'to: 10.0.0.0/16', code: 'schema', message: 'ingress[1]: unknown key `to`; expected one of proto | ports | from', count: 2 },
    { name: 'an egress rule without `to`', edit: (t) => t.replace('{ proto: all, to: 0.0.0.0/0 }', '{ proto: all }'), needle: '{ proto: all }', code: 'schema', message: 'egress[0]: missing required key `to`' },
    { name: 'a vpc without its cidr', edit: (t) => t.replace('    cidr: 10.0.0.0/16\n    routes', '    routes'), needle: 'name: vpc', code: 'schema', message: 'networks[0]: missing required key `cidr`' },
    { name: 'an unknown key on a vpc', edit: (t) => t.replace('    cidr: 10.0.0.0/16\n    routes', '    cidr: 10.0.0.0/16\n    subnet: x\n    routes'), needle: 'subnet', code: 'schema', message: 'networks[0]: unknown key `subnet`; expected one of name | kind | cidr | routes | securityGroups' },
    { name: 'a route via that is not MACHINE/NIC', edit: (t) => t.replace('via: node2/eth0', 'via: node2'), needle: 'node2 }', code: 'schema', message: 'networks[0].routes[0].via: expected MACHINE/NIC, like node2/eth0, got "node2"' },
    { name: 'a route via an unknown machine', edit: (t) => t.replace('via: node2/eth0', 'via: node9/eth0'), needle: 'node9/eth0', code: 'unknown-reference', message: 'networks[0].routes[0].via: unknown machine "node9"; machines: node1, node2' },
    { name: 'a route via an unknown NIC', edit: (t) => t.replace('via: node2/eth0', 'via: node2/eth7'), needle: 'node2/eth7', code: 'unknown-reference', message: 'networks[0].routes[0].via: machine node2 has no NIC "eth7"; its NICs: eth0' },
    { name: 'a route via a NIC of another network', edit: (t) => t.replace('via: node2/eth0', 'via: node1/eth1'), needle: 'node1/eth1', code: 'unknown-reference', message: 'networks[0].routes[0].via: expected an ENI of network vpc: node1/eth1 is on network lan' },
    { name: 'two routes for one destination', edit: (t) => t.replace('      - { dst: 10.244.2.0/24, via: node2/eth0 }\n', '      - { dst: 10.244.2.0/24, via: node2/eth0 }\n      - { dst: 10.244.2.0/24, via: node1/eth0 }\n'), needle: '10.244.2.0/24', after: 'node2/eth0 }', code: 'schema', message: 'networks[0].routes[1].dst: expected each destination once; it is also routes[0]' },
    { name: 'two groups of one name', edit: (t) => t.replace('- name: open', '- name: nodes'), needle: 'nodes', after: 'egress:', code: 'schema', message: 'networks[0].securityGroups[1].name: expected each group name once; "nodes" is also securityGroups[0]', count: 2 },
    { name: 'a NIC in a group its network does not have', edit: (t) => t.replace('securityGroups: [nodes], sourceDestCheck', 'securityGroups: [nodez], sourceDestCheck'), needle: 'nodez', code: 'unknown-reference', message: 'machines[0].nics[0].securityGroups[0]: unknown security group "nodez" in network vpc; its groups: nodes, open' },
    { name: 'ENI fields on a switch NIC', edit: (t) => t.replace('{ name: eth1, network: lan }', '{ name: eth1, network: lan, sourceDestCheck: false }'), needle: 'sourceDestCheck: false }', after: 'eth1', code: 'schema', message: 'machines[0].nics[1]: expected no `sourceDestCheck` on a NIC of switch network "lan"' },
    { name: 'a bad ENI address', edit: (t) => t.replace('[10.0.1.10, 10.0.1.16/28]', '[10.0.1.10, 10.0.1]'), needle: '10.0.1]', code: 'schema', message: 'machines[0].nics[0].addresses[1]: expected an IPv4 address like 10.0.1.5 or a CIDR without host bits like 10.0.1.16/28' },
    { name: 'an address two ENIs hold', edit: (t) => t.replace('{ name: eth0, network: vpc, securityGroups: [nodes, open] }', '{ name: eth0, network: vpc, addresses: [10.0.1.20], securityGroups: [nodes, open] }'), needle: '10.0.1.20', code: 'duplicate', message: 'machines[1].nics[0].addresses[0]: 10.0.1.20 overlaps 10.0.1.16/28, an address of node1/eth0 in network vpc' },
    { name: 'a source/dest check that is not a boolean', edit: (t) => t.replace('sourceDestCheck: false }', 'sourceDestCheck: "off" }'), needle: '"off"', code: 'schema', message: 'machines[0].nics[0].sourceDestCheck: expected true or false' },
    { name: 'a variant replacing an unknown network', edit: (t) => t.replace('      - name: vpc\n        kind: vpc', '      - name: vpc2\n        kind: vpc'), needle: 'vpc2', code: 'unknown-reference', message: 'variants[0].networks[0].name: unknown network "vpc2": a variant replaces networks by name; networks: vpc, lan' },
    { name: 'a variant editing an unknown machine', edit: (t) => t.replace('      node2: [{ name: eth0', '      node3: [{ name: eth0'), needle: 'node3', code: 'unknown-reference', message: 'variants[0].nics: unknown machine "node3"; machines: node1, node2', count: 2 },
    { name: 'a variant editing an unknown NIC', edit: (t) => t.replace('node2: [{ name: eth0,', 'node2: [{ name: eth9,'), needle: 'eth9', code: 'unknown-reference', message: 'variants[0].nics.node2[0].name: machine node2 has no NIC "eth9"; its NICs: eth0', count: 2 },
    { name: 'a variant NIC edit with an unknown key', edit: (t) => t.replace('node1: [{ name: eth0, sourceDestCheck: true }]', 'node1: [{ name: eth0, sdc: true }]'), needle: 'sdc', code: 'schema', message: 'variants[0].nics.node1[0]: unknown key `sdc`; expected one of name | network | address | addresses | securityGroups | sourceDestCheck' },
    { name: 'a group a variant network removed', edit: (t) => t.replace('      node2: [{ name: eth0, securityGroups: [nodes] }]\n', ''), needle: 'open', after: 'securityGroups: [nodes, ', code: 'unknown-reference', message: 'machines[1].nics[0].securityGroups[1]: unknown security group "open" in network vpc; its groups: nodes (with variant opened)' },
    { name: 'a fabric drop expected at an unknown place', edit: (t) => t.replace('at: vpc }', 'at: vpcc }'), needle: 'vpcc', code: 'unknown-reference', message: 'flows[0].expect.at: unknown machine "vpcc"' },
  ];

  it.each(cases)('reports $name', ({ edit, needle, after, code, message, count = 1 }) => {
    const text = edit(BASE);
    const found = loadErrors(text, FILE);
    const error = found.find((e) => e.message.includes(message));
    expect(error, `no error containing "${message}" in:\n${found.map(formatScenarioError).join('\n')}`).toBeDefined();
    expect(error).toMatchObject({ file: FILE, code, ...at(text, needle, after) });
    expect(found, found.map(formatScenarioError).join('\n')).toHaveLength(count);
  });

  it('reports a mistake the file and a variant share once', () => {
    const text = BASE.replace('securityGroups: [nodes, open] }', 'securityGroups: [nodes, closed] }');
    expect(loadErrors(text, FILE).map(formatScenarioError)).toEqual([
      `${FILE}:${at(text, 'closed').line}:${at(text, 'closed').col}: machines[1].nics[0].securityGroups[1]: unknown security group "closed" in network vpc; its groups: nodes, open`,
    ]);
  });
});
