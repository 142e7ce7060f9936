// The Share dialog's part for a lab of the user's: a link carrying the lab itself in its
// fragment (compressed), or why it is too long for one, and "Download .yaml".
import { Download } from 'lucide-react';
import { useState } from 'react';
import { CopyField } from '../shell/CopyField';
import { useLab, useT } from '../labStore';
import { downloadLab } from './actions';
import { labLink } from './model/fragment';
import { isMyLab } from './model/myLabs';
import { toolButton } from './styles';

export function LabShare() {
  const t = useT();
  const source = useLab((s) => s.sources.find((x) => x.file === s.file && isMyLab(x.file)));
  // the page's address without its query: the fragment names the lab, and the query's
  // ?scenario=my-… would mean nothing in another browser
  const [base] = useState(() => `${window.location.origin}${window.location.pathname}`);
  if (!source) return null;
  const link = labLink(base, source.text);
  return (
    <div className="space-y-2" data-testid="lab-share">
      {link.ok ? (
        <CopyField label={t('share.labLink')} value={link.url} button={t('share.copyLink')} testId="lab-link" />
      ) : (
        <p role="alert" data-testid="lab-too-long" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
          {t('share.labTooLong', { length: link.length, limit: link.limit })}
        </p>
      )}
      <button type="button" className={toolButton} onClick={() => downloadLab(source.file)} data-testid="share-download-yaml">
        <Download className="h-3.5 w-3.5" aria-hidden />
        {t('editor.download')}
      </button>
    </div>
  );
}
