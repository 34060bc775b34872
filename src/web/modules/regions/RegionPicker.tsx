import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionRef } from '../auth/api';
import { listRegions, type Region } from './api';

type Props = {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** The region already chosen (for its label before any search). */
  initial?: RegionRef;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
};

/**
 * Picks a region by searching name or code within the actor's scope (the server filters).
 * Used as a controlled antd form control, so Form.Item's label is its accessible name.
 */
export function RegionPicker({ id, value, onChange, initial, ...aria }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Region[]>([]);
  const [isLoading, setLoading] = useState(false);
  const seq = useRef(0);

  async function search(q: string) {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const { items } = await listRegions(q ? { q, limit: 30 } : {});
      if (mine === seq.current) setOptions(items);
    } catch {
      if (mine === seq.current) setOptions([]);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }

  useEffect(() => {
    void search('');
  }, []);

  const merged = [...options];
  if (initial && !merged.some((r) => r.code === initial.code)) {
    merged.unshift({ ...initial, parentCode: null, path: [], hasChildren: false });
  }

  return (
    <Select
      id={id}
      value={value || undefined}
      onChange={(v) => onChange?.(v)}
      showSearch
      allowClear
      filterOption={false}
      onSearch={(q) => void search(q.trim())}
      loading={isLoading}
      placeholder={t('regions.searchPlaceholder')}
      notFoundContent={isLoading ? t('common.loading') : t('common.noData')}
      // Chosen, it reads as everywhere else (东关街道（990102001）); in the list the level is added in grey.
      options={merged.map((r) => ({
        value: r.code,
        label: `${r.name}（${r.code}）`,
        level: t(`regionLevels.${r.level}`),
      }))}
      optionRender={(option) => (
        <span>
          {option.label} <span style={{ color: 'rgba(0, 0, 0, 0.5)', fontSize: '0.9em' }}>{option.data.level}</span>
        </span>
      )}
      {...aria}
    />
  );
}
