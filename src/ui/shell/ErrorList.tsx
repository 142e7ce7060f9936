// Scenario and build errors, shown where the scenario would be: file:line:col and message.
import type { BuildError } from '../../engine/config/world';
import type { ScenarioError } from '../../scenario/model';

export function ErrorList({ title, errors = [], buildErrors = [] }: { title: string; errors?: readonly ScenarioError[]; buildErrors?: readonly BuildError[] }) {
  if (!errors.length && !buildErrors.length) return null;
  return (
    <section role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-4 dark:border-rose-900 dark:bg-rose-950/40">
      <h3 className="mb-2 text-sm font-semibold text-rose-800 dark:text-rose-300">{title}</h3>
      <ul className="space-y-1.5 font-mono text-xs text-rose-900 dark:text-rose-200">
        {errors.map((e, i) => (
          <li key={`s${i}`}>
            <span className="text-rose-500">{`${e.file}:${e.line}:${e.col}:`}</span> {e.message}
          </li>
        ))}
        {buildErrors.map((e, i) => (
          <li key={`b${i}`}>
            <span className="text-rose-500">{`${e.loc.file}:${e.loc.line}:${e.loc.col}:`}</span> {e.machine}: <code>{e.command}</code>
            <div className="pl-4">{e.message}</div>
          </li>
        ))}
      </ul>
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
