import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, type Language } from './i18n';

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

  // Ant Design's theme and locale follow these preferences on the pages built with it (AntdScope.tsx).
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
