import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

type Source = { regionCode: string; regionName: string } | 'default';

/**
 * Where a value in force comes from, as the admin reads it: 本级设置 (the node shown has its
 * own), 继承自 <region> (an ancestor's), or 系统默认 (the shipped defaults).
 */
export function SettingsSource({ source, regionCode }: { source: Source; regionCode: string }) {
  const { t } = useTranslation();
  if (source === 'default') return <Tag>{t('settings.source.default')}</Tag>;
  if (source.regionCode === regionCode) return <Tag color="blue">{t('settings.source.own')}</Tag>;
  return <Tag color="gold">{t('settings.source.inheritedFrom', { name: source.regionName })}</Tag>;
}

/** The same words as plain text, for sentences ("恢复继承后将使用 系统默认 的设置"). */
export function sourceText(t: (key: string, options?: Record<string, unknown>) => string, source: Source): string {
  return source === 'default' ? t('settings.source.default') : source.regionName;
}
