import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import GlobalOutlined from '@ant-design/icons-svg/es/asn/GlobalOutlined';
import { LANGUAGES } from '../app/i18n';
import { usePreferences } from '../app/preferences';
import { SvgIcon } from './SvgIcon';

/**
 * The portal header's language switch: the workbench's (app/LanguageSwitch.tsx) in plain HTML, a
 * button opening a menu of the three languages, so the portal's first paint needs no Ant Design.
 * Keyboard: Enter, Space or ↓ opens it on the current language; ↑ ↓ Home End move; Enter picks;
 * Escape or Tab closes. Its accessible name is bilingual on purpose: someone who landed on a page
 * in a language they cannot read still needs to find the way out.
 */
export function PortalLanguageSwitch() {
  const { language, setLanguage } = usePreferences();
  const [isOpen, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const current = LANGUAGES.find((l) => l.code === language) ?? LANGUAGES[0];

  const focusItem = (index: number) => itemRefs.current[(index + LANGUAGES.length) % LANGUAGES.length]?.focus();
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!isOpen) return;
    focusItem(LANGUAGES.findIndex((l) => l.code === language));
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
    // Focus moves into the menu when it opens, not on every language change.
  }, [isOpen]);

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const index = itemRefs.current.findIndex((item) => item === document.activeElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: LANGUAGES.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="portal-language" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="portal-header-button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        aria-label={`语言 / Language: ${current.label}`}
        onClick={() => setOpen(!isOpen)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !isOpen) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <SvgIcon icon={GlobalOutlined} />
        <span lang={current.code}>{current.label}</span>
      </button>
      {isOpen && (
        <div className="portal-language-menu" role="menu" id={menuId} aria-label="语言 / Language" onKeyDown={onMenuKeyDown}>
          {LANGUAGES.map((l, index) => (
            <button
              key={l.code}
              ref={(item) => {
                itemRefs.current[index] = item;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-current={l.code === language ? 'true' : undefined}
              className={l.code === language ? 'portal-language-item is-selected' : 'portal-language-item'}
              onClick={() => {
                setLanguage(l.code);
                close(true);
              }}
            >
              <span lang={l.code}>{l.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
