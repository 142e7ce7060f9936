// English / 简体中文: UI words and scenario texts switch together.
import { LANGS } from '../../i18n/index';
import { useLab, useT } from '../labStore';

export function LanguageSwitch() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  return (
    <div role="radiogroup" aria-label={t('app.language')} className="flex shrink-0 rounded-md border border-slate-300 p-0.5 text-xs dark:border-slate-700">
      {LANGS.map((l) => (
        <button
          key={l.id}
          type="button"
          role="radio"
          aria-checked={lang === l.id}
          lang={l.id}
          onClick={() => setLang(l.id)}
          className={`rounded px-2 py-1 whitespace-nowrap transition-colors ${
            lang === l.id ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
          }`}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}
