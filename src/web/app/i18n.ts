import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../locales/zh-CN.json';

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

// Chinese is the platform's language and every other one's fallback, so it comes with the app;
// English and Tibetan are fetched when chosen (or remembered), so a Chinese reader fetches neither.
const LOADERS: Record<Exclude<Language, 'zh-CN'>, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('../locales/en.json'),
  bo: () => import('../locales/bo.json'),
};

/** Resolves once `lang`'s texts are in i18next. */
export async function loadLanguage(lang: Language): Promise<void> {
  // The Tibetan web font (its own style sheet and files) only for readers of Tibetan; devices
  // without a Tibetan system font need it, everyone else never fetches it.
  if (lang === 'bo') void import('@fontsource/noto-serif-tibetan/400.css').catch(() => undefined);
  if (lang === 'zh-CN' || i18n.hasResourceBundle(lang, 'translation')) return;
  const texts = await LOADERS[lang]();
  i18n.addResourceBundle(lang, 'translation', texts.default);
}

export function applyLanguage(lang: Language): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not persisting is acceptable
  }
  // If the texts cannot be fetched (offline), the page stays in the language it was in.
  void loadLanguage(lang).then(() => i18n.changeLanguage(lang), () => undefined);
}

const initial = storedLanguage();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  // English and Tibetan are added by loadLanguage. Tibetan covers the portal; missing keys fall
  // back to Chinese, which most readers in Tibetan-speaking counties also read, rather than to English.
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: initial,
  fallbackLng: { bo: ['zh-CN'], en: ['zh-CN'], default: ['zh-CN'] },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves when the remembered language's texts are loaded: main.tsx renders after it. */
export const i18nReady: Promise<void> = loadLanguage(initial).catch(() => {
  // Offline with a remembered language not yet fetched: Chinese, the fallback, is there.
});

export default i18n;
