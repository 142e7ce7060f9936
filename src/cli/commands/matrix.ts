// `podpath matrix FILE [--variant ID | --all-variants] [--pairs] [--json] [--lang L]`: the
// reachability matrix (src/scenario/matrix.ts, docs/matrix.md), the same one the page's Matrix
// view shows.
import { parseCommandArgs, oneFile, stringOpt, UsageError } from '../args';
import { EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, EXIT_OK } from '../exitCodes';
import {
  changesJson,
  formatChanges,
  formatDeclaredTable,
  formatFlowList,
  formatPairs,
  hasTableLayout,
  matrixJson,
  variantName,
} from '../formatMatrix';
import { paint } from '../io';
import { formatBuildError, listIds, loadFile } from '../open';
import { matrixChanges, matrixCounts, scenarioMatrix, type ScenarioMatrix } from '../../scenario/matrix';
import type { Command } from './command';

export const matrix: Command = {
  name: 'matrix',
  summary: 'the reachability matrix: every flow (or every pair) and its verdict, per variant',
  help: `usage: podpath matrix FILE [--variant ID | --all-variants] [--pairs] [--json] [--lang en|zh-CN]

Traces every flow of FILE (with VARIANT's edits, if given) and prints one row per flow: its
verdict, the drop reason and where, what the scenario expects, and whether it matched. When
the flows say where they sit in the source article's table (\`matrix: { row, column }\`), the
table follows, each cell \`ok\` or \`REASON@place\`, and cells whose verdict differs from what
the article says (\`article:\`) are numbered, with the scenario's note under the table.

  --variant ID      apply this variant's edits first
  --all-variants    one matrix for the scenario as written and one per variant, then what each
                    variant changes: every conversation that ends differently than as written
  --pairs           not only the declared flows: every source against every destination.
                    Sources: every namespace holding an IPv4 address (loopback aside).
                    Destinations: every such address (ICMP echo), every listening TCP/UDP
                    socket (one bound to 0.0.0.0 counts at each address of its namespace), and
                    every Service port of the kubernetes: block (the ClusterIP:port, and the
                    NodePort at each node's first address), each once. Each pair is traced as
                    the page's "trace your own packet" would trace it.
  --json            print the matrices as JSON on stdout: for every conversation its verdict,
                    outcome, drop reason, where (place, device), kernel function and cause,
                    expectation and article check
  --lang LANG       the language of the scenario's table labels and notes: en or zh-CN

The matrix, the pairs and the JSON are described in docs/matrix.md; the scenario fields
(matrix:, article:) in docs/scenario-format.md.

exit: 0 every expectation is met (--pairs has none), 1 any is not (in any variant shown),
      2 bad input (scenario errors, a lab that does not build, an unknown variant)`,
  async run(argv, { io, deps }) {
    const args = parseCommandArgs(argv, {
      variant: { type: 'string' },
      'all-variants': { type: 'boolean' },
      pairs: { type: 'boolean' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
    });
    const file = oneFile(args);
    const variantArg = stringOpt(args, 'variant');
    const allVariants = args.values['all-variants'] === true;
    if (allVariants && variantArg !== undefined) throw new UsageError('--variant and --all-variants exclude each other');
    const lang = stringOpt(args, 'lang') ?? 'en';
    if (lang !== 'en' && lang !== 'zh-CN') throw new UsageError(`--lang takes en or zh-CN, not "${lang}"`);
    const mode = args.values.pairs === true ? 'pairs' : 'declared';

    const loaded = await loadFile(file, deps);
    if (!loaded.ok) {
      loaded.lines.forEach(io.err);
      return EXIT_BAD_INPUT;
    }
    const { scenario } = loaded;
    const variantIds = scenario.variants.map((v) => v.id);
    if (variantArg !== undefined && !variantIds.includes(variantArg)) {
      io.err(`${file}: unknown variant "${variantArg}"; variants: ${listIds(variantIds)}`);
      return EXIT_BAD_INPUT;
    }
    const variants = allVariants ? [undefined, ...variantIds] : [variantArg];

    const matrices: ScenarioMatrix[] = [];
    for (const variant of variants) {
      const world = deps.buildWorld(deps.worldSpecFor(scenario, variant));
      if (world.errors.length) {
        world.errors.forEach((e) => io.err(formatBuildError(e, variant === undefined ? [] : [variant])));
        return EXIT_BAD_INPUT;
      }
      matrices.push(scenarioMatrix(scenario, world, mode, variant));
    }
    const changes = allVariants ? matrices.slice(1).map((m) => ({ variant: m.variant!, result: matrixChanges(matrices[0], m) })) : [];
    const notMet = matrices.reduce((n, m) => n + matrixCounts(m).notMet, 0);

    if (args.values.json) {
      const out = { file, mode, matrices: matrices.map(matrixJson), ...(allVariants ? { changes: changes.map((c) => changesJson(c.variant, c.result)) } : {}) };
      io.out(JSON.stringify(out, null, 2));
      return notMet ? EXIT_EXPECTATION_FAILED : EXIT_OK;
    }

    const p = paint(io.color);
    const flowIds = scenario.flows.map((f) => f.id);
    matrices.forEach((m, i) => {
      if (i > 0) io.out('');
      // one matrix of the scenario as written prints as it always has: no title line
      if (allVariants || m.variant !== undefined || mode === 'pairs') io.out(p.bold(`${file} (${variantName(m.variant)}${mode === 'pairs' ? ', all pairs' : ''})`));
      if (mode === 'pairs') {
        formatPairs(m, p).forEach((line) => io.out(line));
        return;
      }
      formatFlowList(m, flowIds, p).forEach((line) => io.out(line));
      if (hasTableLayout(m)) {
        io.out('');
        formatDeclaredTable(m, p, lang).forEach((line) => io.out(line));
      }
      const { notMet: failed } = matrixCounts(m);
      const checked = m.cells.flat(2).filter((e) => e.met !== undefined).length;
      io.out(`\n${m.cells.flat(2).length} flows, ${checked} with an expectation: ${checked - failed} met, ${failed} not met`);
    });
    if (allVariants) {
      io.out('');
      io.out(p.bold('what each variant changes against the lab as written:'));
      if (changes.length === 0) io.out('  (the scenario has no variants)');
      for (const c of changes) formatChanges(c.variant, c.result, lang).forEach((line) => io.out(line));
    }
    return notMet ? EXIT_EXPECTATION_FAILED : EXIT_OK;
  },
};
