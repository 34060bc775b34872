import { Checkbox } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export type CheckboxListOption<T extends string | number> = { value: T; label: ReactNode; disabled?: boolean };

/**
 * A list of checkboxes, ticked straight from `value` (our stand-in for antd's Checkbox.Group,
 * and usable inside a Form.Item the same way).
 *
 * antd's group copies `value` into its own state in an effect, so after a click the box reads
 * unticked until a later task: a screen reader can announce "not checked" for the box just
 * ticked, and a browser test that reads the state at the wrong moment sees the click lost.
 * Here each box's `checked` is the value itself, committed with the click.
 */
export function CheckboxList<T extends string | number>({
  value,
  onChange,
  options,
  disabled,
  className,
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: readonly T[] | null;
  onChange?(value: T[]): void;
  options: readonly CheckboxListOption<T>[];
  disabled?: boolean;
  className?: string;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const ticked = value ?? [];
  const toggle = (which: T, isTicked: boolean) =>
    onChange?.(options.map((o) => o.value).filter((v) => (v === which ? isTicked : ticked.includes(v))));
  return (
    <div role="group" id={id} aria-label={ariaLabel} className={['checkbox-list', className].filter(Boolean).join(' ')} style={{ display: 'inline-flex', flexWrap: 'wrap', columnGap: 8, ...style }}>
      {options.map((o) => (
        <Checkbox key={o.value} value={o.value} checked={ticked.includes(o.value)} disabled={disabled || o.disabled} onChange={(e) => toggle(o.value, e.target.checked)} style={{ marginInlineStart: 0 }}>
          {o.label}
        </Checkbox>
      ))}
    </div>
  );
}
