// "Open .yaml…": the file picker (a .yaml or .yml file of the user's becomes one of their labs;
// node snapshots, .json, several at once, are imported as one lab).
import { FolderOpen } from 'lucide-react';
import { useRef } from 'react';
import { useT } from '../labStore';
import { openFiles } from './actions';
import { toolButton } from './styles';

export function OpenFileButton() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} className={toolButton} data-testid="open-file">
        <FolderOpen className="h-3.5 w-3.5" aria-hidden />
        {t('editor.open')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,application/yaml,text/yaml,.json,application/json"
        multiple
        className="hidden"
        data-testid="open-file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = ''; // the same file again is a new pick
          void openFiles(files);
        }}
      />
    </>
  );
}
