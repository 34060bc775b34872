import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';
import bo from '../locales/bo.json';

/** The languages offered in every language switch, in the order shown. */
export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
  { code: 'bo', label: 'བོད་ཡིག' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

export const LANG_STORAGE_KEY = 'santai.lang';

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    if (isLanguage(value)) return value;
  } catch {
    // storage may be unavailable (private mode); zh-CN is the platform's default
  }
  return 'zh-CN';
}

export function applyLanguage(lang: Language): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not persisting is acceptable
  }
  void i18n.changeLanguage(lang);
}

const initial = storedLanguage();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    en: { translation: en },
    // Tibetan covers the portal; missing keys fall back to Chinese, which most readers in
    // Tibetan-speaking counties also read, rather than to English.
    bo: { translation: bo },
  },
  lng: initial,
  fallbackLng: { bo: ['zh-CN'], en: ['zh-CN'], default: ['zh-CN'] },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
