import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
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
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </PreferencesContext.Provider>
  );
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
