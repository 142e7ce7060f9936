// The editor's shared class names (its toolbar buttons look like the header's).
export const toolButton =
  'inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 transition-colors hover:border-sky-400 hover:text-sky-700 disabled:opacity-50 dark:border-slate-700 dark:text-slate-200 dark:hover:text-sky-300';
