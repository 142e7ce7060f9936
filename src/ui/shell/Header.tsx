// The top bar: the name, the scenario picker, then share, theme and language.
import { EditToggle } from '../editor/EditToggle';
import { useT } from '../labStore';
import { LanguageSwitch } from './LanguageSwitch';
import { ScenarioPicker } from './ScenarioPicker';
import { ShareMenu } from './ShareMenu';
import { ThemeToggle } from './ThemeToggle';

export function Header() {
  const t = useT();
  return (
    <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 sm:flex-nowrap sm:py-0 dark:border-slate-800 dark:bg-slate-900">
      <img src="./favicon.svg" alt="" className="h-6 w-6" />
      <div className="flex min-w-0 items-baseline gap-3">
        <span className="text-base font-semibold tracking-tight">podpath</span>
        <span className="hidden truncate text-xs text-slate-500 xl:inline dark:text-slate-400">{t('app.tagline')}</span>
      </div>
      {/* on a phone the picker takes a row of its own under the name and the controls */}
      <div className="order-last w-full min-w-0 sm:order-none sm:w-auto">
        <ScenarioPicker />
      </div>
      <div className="ml-auto flex items-center gap-2">
        <EditToggle />
        <ShareMenu />
        <ThemeToggle />
        <LanguageSwitch />
      </div>
    </header>
  );
}
