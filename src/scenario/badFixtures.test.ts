// Every file in test/fixtures/bad holds exactly one mistake; the loader must report exactly
// that one, at the right line and column, saying what was expected.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScenarioError } from './errors';
import { loadScenarioFile } from './node';

const DIR = 'test/fixtures/bad';

const cases: { file: string; code: string; at: string; message: string }[] = [
  { file: 'yaml-syntax.yaml', code: 'yaml-syntax', at: '6:1', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
  { file: 'missing-id.yaml', code: 'schema', at: '2:1', message: 'missing required key `id` (expected a string)' },
  { file: 'wrong-protocol.yaml', code: 'schema', at: '16:15', message: 'flows[0].protocol: expected one of tcp | udp | icmp, got "tcpp"' },
  { file: 'unknown-key.yaml', code: 'schema', at: '9:5', message: 'machines[0]: unknown key `nic`; expected one of name | role | nics | script' },
  { file: 'unknown-network.yaml', code: 'unknown-reference', at: '10:32', message: 'machines[0].nics[0].network: unknown network "wan"; networks: lan' },
  { file: 'unknown-command.yaml', code: 'unknown-command', at: '13:7', message: 'unsupported command `tc qdisc …`; podpath understands ip, bridge, sysctl' },
  { file: 'bad-ip.yaml', code: 'bad-argument', at: '12:32', message: 'expected a gateway address (A.B.C.D), got "10.0.0.256"' },
  { file: 'route-host-bits.yaml', code: 'bad-argument', at: '12:20', message: 'Invalid prefix for given prefix length: "192.168.11.10/24" has host bits set' },
  { file: 'flow-unknown-namespace.yaml', code: 'unknown-reference', at: '15:11', message: 'flows[0].from: machine node1 has no namespace "pod-b"' },
  { file: 'variant-unknown-flow.yaml', code: 'unknown-reference', at: '24:7', message: 'variants[0].expect: unknown flow "pong"; flows: ping' },
  { file: 'icmp-with-port.yaml', code: 'schema', at: '15:9', message: 'flows[0].to: icmp has no ports: expected the address alone, got "10.0.0.2:80"' },
  { file: 'vpc-network.yaml', code: 'unknown-reference', at: '13:57', message: 'machines[0].nics[0].securityGroups[0]: unknown security group "node" in network vpc; its groups: nodes' },
  { file: 'vpc-rule-ports.yaml', code: 'schema', at: '12:32', message: 'networks[0].securityGroups[0].ingress[0].ports: expected no ports: ports apply to tcp and udp only' },
  { file: 'kubernetes-block.yaml', code: 'schema', at: '15:22', message: 'kubernetes.kubeProxy.mode: expected one of iptables | ipvs, got "userspace"' },
  { file: 'netns-before-add.yaml', code: 'unknown-netns', at: '12:7', message: 'Cannot find target namespace "pod-a"' },
  { file: 'duplicate-flow-id.yaml', code: 'duplicate', at: '17:9', message: 'flows[1].id: duplicate flow id "ping" (first at line 13)' },
  { file: 'folded-script.yaml', code: 'schema', at: '10:13', message: 'machines[0].script: expected a literal block' },
  { file: 'flow-matrix-column.yaml', code: 'schema', at: '17:13', message: 'flows[0].matrix: missing required key `column` (expected a text: a string, or { en: …, zh-CN: … })' },
  { file: 'flow-article-verdict.yaml', code: 'schema', at: '19:13', message: 'flows[0].article.says: expected delivered, dropped, or { dropped: REASON, at: MACHINE }, got "works"' },
  { file: 'flow-article-variant.yaml', code: 'unknown-reference', at: '19:19', message: 'flows[0].article.variants: unknown variant "fixd"; variants: fixed' },
  { file: 'sysctl-typo.yaml', code: 'bad-argument', at: '13:17', message: 'sysctl: cannot stat /proc/sys/net/ipv4/ip_forwrad: No such file or directory' },
  { file: 'shell-variable.yaml', code: 'bad-argument', at: '12:24', message: 'shell expansion `$…` is not supported' },
];

describe('bad scenario fixtures', () => {
  it.each(cases)('$file: reports its one mistake at $at', ({ file, code, at, message }) => {
    const path = `${DIR}/${file}`;
    const result = loadScenarioFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatScenarioError)).toHaveLength(1);
    const [error] = result.errors;
    expect(error.code).toBe(code);
    expect(formatScenarioError(error)).toContain(`${path}:${at}: ${message}`);
  });

  it('has a test case for every fixture file', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(cases.map((c) => c.file).sort());
  });
});
