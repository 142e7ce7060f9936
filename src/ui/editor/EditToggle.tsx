// The header's "Edit YAML" button: shows or hides the editor panel above the canvas.
import { FileCode2 } from 'lucide-react';
import { useT } from '../labStore';
import { setEditorOpen, useEditor } from './editorStore';
import { toolButton } from './styles';

export function EditToggle() {
  const t = useT();
  const open = useEditor((s) => s.open);
  return (
    <button type="button" aria-pressed={open} onClick={() => setEditorOpen(!open)} className={`${toolButton} ${open ? 'border-sky-500 text-sky-700 dark:text-sky-300' : ''}`} data-testid="edit-toggle">
      <FileCode2 className="h-3.5 w-3.5" aria-hidden />
      {t('editor.toggle')}
    </button>
  );
}
