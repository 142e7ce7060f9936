// The page: header with the language switch, the scenario list, the chosen scenario.
import { LANGS } from '../i18n/index';
import { useLab, useT } from './labStore';
import { ScenarioDetails } from './ScenarioDetails';
import { ScenarioList } from './ScenarioList';

export function App() {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/85 backdrop-blur dark:border-slate-800 dark:bg-slate-900/85">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-3">
          <img src="./favicon.svg" alt="" className="h-7 w-7" />
          <div className="min-w-0">
            <div className="text-lg leading-tight font-semibold tracking-tight">podpath</div>
            <div className="truncate text-xs text-slate-500 dark:text-slate-400">{t('app.tagline')}</div>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <div className="mx-auto grid max-w-7xl gap-6 px-4 py-6 md:grid-cols-[15rem_1fr]">
        <aside className="md:sticky md:top-20 md:self-start">
          <ScenarioList />
        </aside>
        <main className="min-w-0 space-y-4">
          <p className="text-xs text-slate-400 dark:text-slate-500">{t('app.preview')}</p>
          <ScenarioDetails />
        </main>
      </div>
    </div>
  );
}

function LanguageSwitch() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  return (
    <div role="radiogroup" aria-label={t('app.language')} className="ml-auto flex shrink-0 rounded-md border border-slate-300 p-0.5 text-sm dark:border-slate-700">
      {LANGS.map((l) => (
        <button
          key={l.id}
          type="button"
          role="radio"
          aria-checked={lang === l.id}
          lang={l.id}
          onClick={() => setLang(l.id)}
          className={`rounded px-2.5 py-1 whitespace-nowrap transition-colors ${
            lang === l.id ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300'
          }`}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
