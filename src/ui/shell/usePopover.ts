// A popover's open state that closes on Escape or a click outside its container, and the
// props of the button that opens it.
import { type RefObject, useEffect, useRef, useState } from 'react';

export interface TriggerProps {
  readonly type: 'button';
  readonly onClick: () => void;
  readonly 'aria-expanded': boolean;
  readonly 'aria-haspopup': 'dialog';
}

export function usePopover<T extends HTMLElement>(): {
  open: boolean;
  setOpen(open: boolean | ((o: boolean) => boolean)): void;
  container: RefObject<T | null>;
  /** Spread on the button that toggles the popover (a dialog). */
  trigger: TriggerProps;
} {
  const [open, setOpen] = useState(false);
  const container = useRef<T>(null);
  useEffect(() => {
    if (!open) return;
    const onMouse = (e: MouseEvent) => {
      if (!container.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onMouse);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onMouse);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const trigger: TriggerProps = { type: 'button', onClick: () => setOpen((o) => !o), 'aria-expanded': open, 'aria-haspopup': 'dialog' };
  return { open, setOpen, container, trigger };
}
