// Snapshots dropped on the page made into a lab, in the worker: the importer checks what it
// writes with the real loader and engine, which live here and not in the page's main chunk.
import { ImportError, importSnapshots, parseSnapshot, type ImportInput } from '../scenario/import';
import type { EngineResult, ImportRequest } from './protocol';

export function importLab(req: ImportRequest): EngineResult {
  try {
    const inputs: ImportInput[] = [];
    const errors: string[] = [];
    for (const { file, text } of req.snapshots) {
      const parsed = parseSnapshot(text, file);
      if (parsed.ok) inputs.push({ snapshot: parsed.snapshot, file });
      else errors.push(...parsed.errors);
    }
    if (errors.length) return { kind: 'failed', message: errors.join('\n') };
    const { yaml, notes } = importSnapshots(inputs);
    return { kind: 'imported', yaml, notes };
  } catch (error) {
    if (error instanceof ImportError) return { kind: 'failed', message: error.message };
    return { kind: 'failed', message: `the import failed (a podpath bug): ${error instanceof Error ? error.message : String(error)}` };
  }
}
