import { useEffect, useState } from 'react';
import { Button, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { getRegionChain, listPublicRegions, type PublicRegion } from '../../modules/content/api';

/** Where a visitor's chosen region is remembered between pages and visits. */
export const REGION_STORAGE_KEY = 'santai.portalRegion';

export function rememberedRegion(): string | undefined {
  try {
    return localStorage.getItem(REGION_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function remember(code: string | undefined) {
  try {
    if (code) localStorage.setItem(REGION_STORAGE_KEY, code);
    else localStorage.removeItem(REGION_STORAGE_KEY);
  } catch {
    // not remembering is acceptable
  }
}

/**
 * "Where do you live": one select per level of the region tree, each labelled, filled
 * from the public region list as the level above is chosen. `value` is the deepest code.
 */
export function RegionChooser({ value, onChange }: { value: string | undefined; onChange(code: string | undefined): void }) {
  const { t } = useTranslation();
  const [chain, setChain] = useState<PublicRegion[]>([]);
  const [levels, setLevels] = useState<PublicRegion[][]>([]);

  useEffect(() => {
    let isCurrent = true;
    (async () => {
      const picked = value ? (await getRegionChain(value).catch(() => ({ chain: [] as PublicRegion[] }))).chain : [];
      // The options of each level: the roots, then the children of each picked node.
      const options: PublicRegion[][] = [(await listPublicRegions()).items];
      for (const node of picked) {
        const children = (await listPublicRegions(node.code)).items;
        if (children.length === 0) break;
        options.push(children);
      }
      if (isCurrent) {
        setChain(picked);
        setLevels(options);
      }
    })().catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [value]);

  const choose = (depth: number, code: string | undefined) => {
    const next = code ?? chain[depth - 1]?.code;
    remember(next);
    onChange(next);
  };

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend style={{ fontSize: '1em', marginBottom: 8 }}>{t('content.region')}</legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {levels.map((options, depth) => {
          const level = options[0]?.level ?? 'village';
          const label = t(`content.regionLevels.${level}`);
          return (
            <Select<string>
              key={depth}
              aria-label={label}
              placeholder={label}
              allowClear
              value={chain[depth]?.code}
              onChange={(code) => choose(depth, code)}
              options={options.map((r) => ({ value: r.code, label: r.name }))}
              style={{ minWidth: 140, flex: '1 1 140px' }}
            />
          );
        })}
        {value && (
          <Button onClick={() => choose(0, undefined)}>{t('content.clearRegion')}</Button>
        )}
      </div>
    </fieldset>
  );
}
