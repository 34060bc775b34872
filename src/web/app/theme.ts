import type { ThemeConfig } from 'antd';

/** Justice-bureau blue; contrast against white meets WCAG AA for text. */
const PRIMARY = '#1d4ed8';

export function buildTheme(isElderMode: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: PRIMARY,
      colorLink: PRIMARY,
      // Secondary text (descriptions, statistic titles, hints): Ant Design's 45 % black is 3.4:1 on white,
      // under WCAG AA's 4.5:1; 60 % black is 5.7:1.
      colorTextDescription: 'rgba(0, 0, 0, 0.6)',
      borderRadius: 6,
      fontSize: isElderMode ? 20 : 14,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Serif Tibetan', 'Noto Sans Tibetan', 'Microsoft Himalaya', sans-serif",
      controlHeight: isElderMode ? 44 : 32,
    },
  };
}
