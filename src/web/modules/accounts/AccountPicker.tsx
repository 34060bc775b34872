import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { listAccounts } from './api';

type Option = { id: string; username: string; displayName: string };

type Props = {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Accounts already assigned, so their names show even when the list cannot be searched. */
  known?: Option[];
  'aria-label'?: string;
};

/** Multi-select of staff accounts, searched on the server within the actor's scope. */
export function AccountPicker({ id, value, onChange, known = [], ...aria }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[]>([]);
  const [isLoading, setLoading] = useState(false);
  const seq = useRef(0);

  async function search(q: string) {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const { items } = await listAccounts({ q: q || undefined, limit: 30 });
      if (mine === seq.current) setOptions(items);
    } catch {
      // Accounts the actor may not list simply cannot be picked; assigned ones still show.
      if (mine === seq.current) setOptions([]);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }

  useEffect(() => {
    void search('');
  }, []);

  const merged = [...options];
  for (const k of known) if (!merged.some((o) => o.id === k.id)) merged.push(k);

  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(ids) => onChange?.(ids)}
      showSearch
      filterOption={false}
      onSearch={(q) => void search(q.trim())}
      loading={isLoading}
      placeholder={t('venues.pickAccounts')}
      options={merged.map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` }))}
      {...aria}
    />
  );
}
