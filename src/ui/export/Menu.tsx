/**
 * A small drop-down menu: a button that opens a list of actions. Arrow keys move between items,
 * Escape and a click outside close it, and focus returns to the button, as in any menu.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import './export.css';

export interface MenuItem {
  label: string;
  /** why the item does what it does, or why it is disabled */
  title?: string;
  disabled?: boolean;
  onSelect(): void;
}

interface MenuProps {
  /** the button's content */
  children: ReactNode;
  /** accessible name of the button */
  label: string;
  title?: string;
  items: MenuItem[];
  disabled?: boolean;
  className?: string;
  /** which edge of the button the list lines up with */
  align?: 'left' | 'right';
}

export function Menu({ children, label, title, items, disabled, className, align }: MenuProps) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    // Focus the first usable item so the keyboard can go on from there.
    wrap.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const all = [
      ...(wrap.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ??
        []),
    ];
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length;
    all[next]?.focus();
  };

  return (
    <div className={`menu ${className ?? ''}`} ref={wrap} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-label={label}
        title={title ?? label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        {children}
      </button>
      {open && (
        <div
          id={listId}
          role="menu"
          aria-label={label}
          className={`menu-list${align === 'left' ? ' left' : ''}`}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              title={item.title}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
