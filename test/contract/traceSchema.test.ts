// The trace contract is published as JSON Schema (docs/trace.schema.json, generated from
// src/engine/trace/types.ts). The file must be the current generation, and every trace of every
// shipped scenario, variant and flow — as `podpath trace --json` prints it — must validate.
import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld, EVENT_CODES } from '../../src/engine';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';
import { main } from '../../src/cli/main';
import { SCHEMA_PATH, traceSchema } from '../../scripts/trace-schema';

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function errorsOf(json: unknown): string {
  return validate(json) ? '' : JSON.stringify(validate.errors?.slice(0, 5));
}

describe('docs/trace.schema.json', () => {
  it('is what `npm run schema` generates from the types today', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(traceSchema());
  }, 60_000);

  it('rejects what the contract forbids: numeric addresses, unknown codes, a missing version', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
    const loaded = loadScenarioFile(`scenarios/${files[0]}`);
    if (!loaded.ok) throw new Error('scenario does not load');
    const trace = JSON.parse(JSON.stringify(buildWorld(worldSpecFor(loaded.scenario)).trace(loaded.scenario.flows[0])));
    expect(errorsOf(trace)).toBe('');
    const ip = trace.legs[0].events.find((e: { packet: { layer: string }[] }) => e.packet.some((h) => h.layer === 'ipv4'));
    const at = ip.packet.findIndex((h: { layer: string }) => h.layer === 'ipv4');
    const numeric = structuredClone(trace);
    numeric.legs[0].events[trace.legs[0].events.indexOf(ip)].packet[at].src = 167772161;
    expect(errorsOf(numeric)).not.toBe('');
    const unknown = structuredClone(trace);
    unknown.legs[0].events[0].code = 'route.teleport';
    expect(errorsOf(unknown)).not.toBe('');
    const { version: _version, ...unversioned } = trace;
    expect(errorsOf(unversioned)).not.toBe('');
  });
});

describe('every shipped trace validates against the schema', () => {
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
    const loaded = loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const s = loaded.scenario;
    it(`${s.id}: every variant and flow`, () => {
      for (const variant of [undefined, ...s.variants.map((v) => v.id)]) {
        const world = buildWorld(worldSpecFor(s, variant));
        for (const flow of s.flows) expect(errorsOf(JSON.parse(JSON.stringify(world.trace(flow)))), `${variant ?? 'base'}/${flow.id}`).toBe('');
      }
    }, 60_000);
  }

  it('`podpath trace --json` prints a trace that validates, with dotted addresses', async () => {
    const out: string[] = [];
    const code = await main(['trace', 'scenarios/host-gw.yaml', '--flow', 'pod-a-to-pod-b', '--json'], { out: (s) => out.push(s), err: () => {}, color: false });
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(errorsOf(json)).toBe('');
    expect(json.version).toBe(2);
    expect(json.legs[0].events[0].packet[0]).toMatchObject({ layer: 'ipv4', src: '192.168.10.10', dst: '192.168.11.10' });
  }, 60_000);
});

describe('a trace of a lab that sets what podpath does not model', () => {
  it('carries its warnings, which the schema knows', () => {
    const loaded = loadScenarioFile('test/fixtures/warn/sysctl-unmodelled.yaml');
    if (!loaded.ok) throw new Error('fixture does not load');
    const trace = JSON.parse(JSON.stringify(buildWorld(worldSpecFor(loaded.scenario)).trace(loaded.scenario.flows[0])));
    expect(trace.warnings).toHaveLength(2);
    expect(errorsOf(trace)).toBe('');
    const unknown = structuredClone(trace);
    unknown.warnings[0].code = 'sysctl-ignored-quietly';
    expect(errorsOf(unknown)).not.toBe('');
    const placeless = structuredClone(trace);
    delete placeless.warnings[0].loc;
    expect(errorsOf(placeless)).not.toBe('');
  });
});

describe('docs/trace.md', () => {
  it('documents every event code', () => {
    const doc = readFileSync('docs/trace.md', 'utf8');
    expect(EVENT_CODES.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });

  it('documents every warning code', () => {
    const doc = readFileSync('docs/trace.md', 'utf8');
    for (const code of ['sysctl-unmodelled', 'sysctl-ignored']) expect(doc).toContain(`\`${code}\``);
  });
});
