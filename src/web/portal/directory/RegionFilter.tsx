import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicDirectory, type PublicRegion } from '../../modules/directory/api';

/**
 * The codes from the root down to `code`: GB/T 2260 codes carry their ancestors
 * (990102 → 990000, 990100), statistical codes below a county too (9 and 12 digits).
 */
export function ancestorsOf(code: string): string[] {
  const chain = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code.slice(0, 6)];
  if (code.length >= 9) chain.push(code.slice(0, 9));
  if (code.length >= 12) chain.push(code);
  return chain.filter((c, i) => chain.indexOf(c) === i && code.startsWith(c.replace(/0+$/, '')));
}

/** The region filter: one select per level, each listing the children of the level above. */
export function RegionFilter({ value, onChange }: { value?: string; onChange(code: string | undefined): void }) {
  const { t } = useTranslation();
  const chain = value ? ancestorsOf(value) : [];
  const parents: (string | undefined)[] = [undefined, ...chain];
  const [children, setChildren] = useState<Record<string, PublicRegion[]>>({});

  const wanted = parents.map((p) => p ?? '').join(',');
  useEffect(() => {
    let isCurrent = true;
    for (const key of wanted.split(',')) {
      if (children[key]) continue;
      publicDirectory
        .regions(key || undefined)
        .then((result) => isCurrent && setChildren((old) => ({ ...old, [key]: result.items })))
        .catch(() => undefined);
    }
    return () => {
      isCurrent = false;
    };
    // `children` is read to skip what is loaded; loading it again on each change is what we avoid.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);

  return (
    <>
      {parents.map((parent, level) => {
        const options = children[parent ?? ''];
        if (!options || options.length === 0) return null;
        const label = level === 0 ? t('directory.filters.region') : `${t('directory.filters.region')} ${level + 1}`;
        return (
          <label key={parent ?? 'root'}>
            <span>{label}</span>
            <Select<string>
              aria-label={label}
              value={chain[level] ?? ''}
              onChange={(code) => onChange(code || parent)}
              options={[
                { value: '', label: level === 0 ? t('directory.filters.regionAll') : t('directory.filters.any') },
                ...options.map((r) => ({ value: r.code, label: r.name })),
              ]}
            />
          </label>
        );
      })}
    </>
  );
}
