// The scenario layer's public surface: load and validate a scenario from YAML text, and see it
// through a variant. Browser-safe; the file-reading helper lives in node.ts.
export { loadScenario } from './load';
export { expectationsFor, worldSpecFor } from './variant';
export { formatScenarioError } from './errors';
export { parseScript, scriptLines } from './commands/dispatch';
export type { LoadResult, MachineModel, Scenario, ScenarioError, TourStep, VariantModel } from './model';
