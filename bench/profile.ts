// A CPU profile of some code, taken in-process with the V8 inspector (what `node --cpu-prof`
// writes), summarised as the functions with the most self time and the most total time.
// The raw profile is written too, for Chrome DevTools / speedscope.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly fn: string;
  readonly ms: number;
  readonly pct: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly self: readonly ProfileEntry[];
  readonly total: readonly ProfileEntry[];
  /** self time summed per source file: which part of the engine the time is spent in */
  readonly byFile: readonly ProfileEntry[];
  readonly file: string;
}

function label(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name; // (garbage collector), (program), (idle)
  const file = basename(f.url.replace(/^file:\/\//, '').split('?')[0]);
  // (tsx's transpiled modules report no useful line numbers: the file names the place)
  return `${name} (${file})`;
}

export async function profile(run: () => void, file: string, top = 15): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  run();
  const { profile: prof } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  writeFileSync(file, JSON.stringify(prof));

  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const us = prof.timeDeltas[i + 1] ?? 0; // delta i+1 is how long sample i lasted
    all += us;
    const leaf = byId.get(prof.samples[i])!;
    const leafLabel = label(leaf.callFrame);
    self.set(leafLabel, (self.get(leafLabel) ?? 0) + us);
    const f = leaf.callFrame.url ? basename(leaf.callFrame.url.split('?')[0]) : leaf.callFrame.functionName.startsWith('(') ? leaf.callFrame.functionName : '(V8 builtins)';
    byFile.set(f, (byFile.get(f) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id)!.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>, skip: (fn: string) => boolean) =>
    [...m.entries()]
      .filter(([fn]) => !skip(fn))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 10) / 100, pct: Math.round((us / all) * 1000) / 10 }));
  // total time: the engine's own functions (the harness and the root frames are 100% by construction)
  const harness = (fn: string) => fn.startsWith('(root)') || fn.includes('run.ts') || fn.includes('profile.ts') || fn.startsWith('(program)');
  return { totalMs: Math.round(all / 10) / 100, self: rank(self, () => false), total: rank(total, harness), byFile: rank(byFile, () => false), file };
}
