// Scenario and build errors, shown where the scenario would be: file:line:col and message;
// and the build's warnings (what the scripts set that podpath accepted without modelling).
import type { BuildError, BuildWarning } from '../../engine/config/world';
import { type Lang, warningText } from '../../i18n/index';
import type { ScenarioError } from '../../scenario/model';

export function ErrorList({ title, errors = [], buildErrors = [] }: { title: string; errors?: readonly ScenarioError[]; buildErrors?: readonly BuildError[] }) {
  if (!errors.length && !buildErrors.length) return null;
  return (
    <section role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-4 dark:border-rose-900 dark:bg-rose-950/40">
      <h3 className="mb-2 text-sm font-semibold text-rose-800 dark:text-rose-300">{title}</h3>
      <ul className="space-y-1.5 font-mono text-xs text-rose-900 dark:text-rose-200">
        {errors.map((e, i) => (
          <li key={`s${i}`}>
            <span className="text-rose-700 dark:text-rose-400">{`${e.file}:${e.line}:${e.col}:`}</span> {e.message}
          </li>
        ))}
        {buildErrors.map((e, i) => (
          <li key={`b${i}`}>
            <span className="text-rose-700 dark:text-rose-400">{`${e.loc.file}:${e.loc.line}:${e.loc.col}:`}</span> {e.machine}: <code>{e.command}</code>
            <div className="pl-4">{e.message}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What the lab's scripts set that podpath accepted without modelling it (a kernel parameter
 * Linux has that nothing here reads): above the lab, so nobody takes a setting's missing
 * effect in the trace for the kernel's answer.
 */
/**
 * Commands podpath accepts but does not model. Folded to its title and count: a lab's notes
 * must not take the canvas's room (kube-proxy-ipvs's made its canvas too short to read); the
 * reader opens them.
 */
export function WarningList({ title, warnings, lang }: { title: string; warnings: readonly BuildWarning[]; lang: Lang }) {
  if (!warnings.length) return null;
  return (
    <section role="status" data-testid="build-warnings" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-1.5 dark:border-amber-900 dark:bg-amber-950/40">
      <details>
        <summary className="cursor-pointer text-sm font-semibold text-amber-900 dark:text-amber-200">
          {title} ({warnings.length})
        </summary>
        <ul className="mt-1.5 space-y-1.5 pb-1.5 font-mono text-xs text-amber-950 dark:text-amber-100">
          {warnings.map((w, i) => (
            <li key={i}>
              <span className="text-amber-600 dark:text-amber-400">{`${w.loc.file}:${w.loc.line}:${w.loc.col}:`}</span> {w.machine}
              {w.netns ? ` (netns ${w.netns})` : ''}: <code>{w.command}</code>
              <div className="pl-4 font-sans">{warningText(w, lang)}</div>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export function FailureNote({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
      {message}
    </p>
  );
}
