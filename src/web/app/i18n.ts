import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
// Only the texts of the portal's frame and home come with the app (its first paint needs no
// more); the rest of the Chinese texts are fetched with the first other page (loadAllTexts).
import { app, citizen, common, content, portal, requests } from '../locales/zh-CN.json';

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

let allTexts: Promise<void> | undefined;

/**
 * Resolves once every Chinese text is in i18next: the router waits on it before it shows any
 * page but the portal home (router.tsx, page()). The file is the whole zh-CN.json under another
 * module id (`?all`), so a top-level key added there needs no list updated here.
 */
export function loadAllTexts(): Promise<void> {
  allTexts ??= import('../locales/zh-CN.json?all').then(
    (texts) => {
      i18n.addResourceBundle('zh-CN', 'translation', texts.default, true, true);
    },
    (error: unknown) => {
      allTexts = undefined; // offline for a moment: the next page asks again
      throw error;
    },
  );
  return allTexts;
}

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
  resources: { 'zh-CN': { translation: { app, common, portal, citizen, requests, content: { newsTitle: content.newsTitle } } } },
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
