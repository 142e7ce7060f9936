// Light and dark themes; the choice is in the URL only when dark (light is the default look).
import { Moon, Sun } from 'lucide-react';
import { useLab, useT } from '../labStore';

export function ThemeToggle() {
  const t = useT();
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  const label = t(next === 'dark' ? 'app.theme.dark' : 'app.theme.light');
  return (
    <button
      type="button"
      onClick={() => setTheme(next)}
      aria-label={label}
      title={label}
      data-testid="theme-toggle"
      className="rounded-md border border-slate-300 p-1.5 text-slate-600 transition-colors hover:text-slate-900 dark:border-slate-700 dark:text-slate-300 dark:hover:text-white"
    >
      {theme === 'dark' ? <Sun className="h-4 w-4" aria-hidden /> : <Moon className="h-4 w-4" aria-hidden />}
    </button>
  );
}
