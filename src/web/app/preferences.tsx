import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, theme } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { applyLanguage, type Language } from './i18n';
import { buildTheme } from './theme';

export const ELDER_STORAGE_KEY = 'santai.elder';

type Preferences = {
  language: Language;
  setLanguage(lang: Language): void;
  /** 长辈模式: larger text for older citizens and anyone who wants it. */
  isElderMode: boolean;
  setElderMode(on: boolean): void;
};

const PreferencesContext = createContext<Preferences | undefined>(undefined);

function storedElderMode(): boolean {
  try {
    return localStorage.getItem(ELDER_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [language, setLanguageState] = useState<Language>(i18n.language as Language);
  const [isElderMode, setElderState] = useState(storedElderMode);

  const setLanguage = useCallback((lang: Language) => {
    applyLanguage(lang);
    setLanguageState(lang);
  }, []);

  const setElderMode = useCallback((on: boolean) => {
    try {
      localStorage.setItem(ELDER_STORAGE_KEY, on ? '1' : '0');
    } catch {
      // not persisting is acceptable
    }
    setElderState(on);
  }, []);

  useEffect(() => {
    document.documentElement.style.fontSize = isElderMode ? '20px' : '';
    document.documentElement.classList.toggle('elder-mode', isElderMode);
  }, [isElderMode]);

  const value = useMemo(
    () => ({ language, setLanguage, isElderMode, setElderMode }),
    [language, setLanguage, isElderMode, setElderMode],
  );

  // Ant Design has no Tibetan locale; its built-in texts follow our fallback (Chinese).
  const antdLocale = language === 'en' ? enUSLocale : zhCNLocale;

  return (
    <PreferencesContext.Provider value={value}>
      {/* No auto-inserted space in two-character Chinese buttons: "登 录" reads badly aloud. */}
      <ConfigProvider locale={antdLocale} theme={buildTheme(isElderMode)} button={{ autoInsertSpace: false }}>
        <BaseText>{children}</BaseText>
      </ConfigProvider>
    </PreferencesContext.Provider>
  );
}

/**
 * The theme's text colour, size, line height and font stack (with the Tibetan fonts) for
 * everything inside, as Ant Design's App would set them. App itself, with its message, modal
 * and notification APIs, wraps the workbench only (WorkbenchApp.tsx): the portal does not load it.
 */
function BaseText({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
      {children}
    </div>
  );
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
