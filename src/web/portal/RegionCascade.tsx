import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchRegions, type PortalRegion } from './api';

type Level = { options: PortalRegion[]; selected: string | null };

/**
 * Where the citizen lives, chosen level by level (province › city › county ›
 * township › village) with one labelled select per level, which a screen reader
 * and a keyboard handle better than a cascading popup. Reports the deepest choice.
 */
export function RegionCascade({ onChange, labelledBy }: { onChange(code: string | null): void; labelledBy: string }) {
  const { t } = useTranslation();
  const [levels, setLevels] = useState<Level[]>([]);
  const [isLoading, setLoading] = useState(true);

  useEffect(() => {
    let isCurrent = true;
    fetchRegions().then(
      (options) => isCurrent && setLevels([{ options, selected: null }]),
      () => undefined,
    ).finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, []);

  async function choose(depth: number, code: string) {
    const kept = levels.slice(0, depth + 1).map((level, i) => (i === depth ? { ...level, selected: code } : level));
    setLevels(kept);
    onChange(code);
    const region = kept[depth].options.find((r) => r.code === code);
    if (!region?.hasChildren) return;
    setLoading(true);
    try {
      const children = await fetchRegions(code);
      setLevels([...kept, { options: children, selected: null }]);
    } finally {
      setLoading(false);
    }
  }

  return (
    <div role="group" aria-labelledby={labelledBy}>
      {levels.map((level, depth) => {
        const levelName = level.options[0] ? t(`citizen.regionLevels.${level.options[0].level}`) : '';
        return (
          <Select
            key={depth}
            value={level.selected ?? undefined}
            placeholder={t('citizen.me.choose', { level: levelName })}
            aria-label={levelName}
            options={level.options.map((r) => ({ value: r.code, label: r.name }))}
            onChange={(code: string) => void choose(depth, code)}
            loading={isLoading && depth === levels.length - 1}
            size="large"
            showSearch
            optionFilterProp="label"
          />
        );
      })}
    </div>
  );
}
