// A popover's open state that closes on Escape or a click outside its container.
import { type RefObject, useEffect, useRef, useState } from 'react';

export function usePopover<T extends HTMLElement>(): { open: boolean; setOpen(open: boolean | ((o: boolean) => boolean)): void; container: RefObject<T | null> } {
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
  return { open, setOpen, container };
}
