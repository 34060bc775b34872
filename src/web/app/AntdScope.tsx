import type { ReactNode } from 'react';
import { ConfigProvider, theme } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { usePreferences } from './preferences';
import { buildTheme } from './theme';

/**
 * Ant Design's theme (elder mode's larger sizes) and locale for every page built with it: all
 * but the portal's home and frame, which are plain HTML and CSS (portal/PortalLayout.tsx) so a
 * citizen's phone shows them before any of Ant Design arrives. The router loads this with the
 * first such page (router.tsx).
 */
export default function AntdScope({ children }: { children: ReactNode }) {
  const { language, isElderMode } = usePreferences();
  // Ant Design has no Tibetan locale; its built-in texts follow our fallback (Chinese).
  const antdLocale = language === 'en' ? enUSLocale : zhCNLocale;
  return (
    // No auto-inserted space in two-character Chinese buttons: "登 录" reads badly aloud.
    <ConfigProvider locale={antdLocale} theme={buildTheme(isElderMode)} button={{ autoInsertSpace: false }}>
      <BaseText>{children}</BaseText>
    </ConfigProvider>
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
