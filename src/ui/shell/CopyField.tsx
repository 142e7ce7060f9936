// A read-only field with a copy button (the share link, the iframe snippet).
import { Check, Copy } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useT } from '../labStore';

export function CopyField({ label, value, button, testId, multiline }: { label: string; value: string; button: string; testId: string; multiline?: boolean }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (an iframe, plain http): leave the text selected to copy by hand.
      field.current?.select();
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  };
  const common = {
    id,
    ref: field,
    readOnly: true,
    value,
    'data-testid': testId,
    onFocus: (e: { currentTarget: { select(): void } }) => e.currentTarget.select(),
    className: 'w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200',
  };
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs text-slate-500 dark:text-slate-400">
        {label}
      </label>
      <div className="flex items-start gap-2">
        {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
        <button
          type="button"
          onClick={() => void copy()}
          className="flex shrink-0 items-center gap-1 rounded-md bg-sky-600 px-2.5 py-1.5 text-xs font-medium text-white hover:bg-sky-500"
        >
          {copied ? <Check className="h-3.5 w-3.5" aria-hidden /> : <Copy className="h-3.5 w-3.5" aria-hidden />}
          {copied ? t('share.copied') : button}
        </button>
      </div>
    </div>
  );
}
