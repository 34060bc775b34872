import type { ThemeConfig } from 'antd';

/** Justice-bureau blue; contrast against white meets WCAG AA for text. */
const PRIMARY = '#1d4ed8';

export function buildTheme(isElderMode: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: PRIMARY,
      colorLink: PRIMARY,
      borderRadius: 6,
      fontSize: isElderMode ? 20 : 14,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Serif Tibetan', 'Noto Sans Tibetan', 'Microsoft Himalaya', sans-serif",
      controlHeight: isElderMode ? 44 : 32,
    },
  };
}
