import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Descriptions, type DescriptionsProps } from 'antd';

/** The width of an element, kept current as it resizes (0 before it is laid out). */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Below this width labels go above their values; below the other, one pair per row. */
const SIDE_BY_SIDE_FROM = 420;
const TWO_COLUMNS_FROM = 680;

/**
 * A record's facts as label/value pairs, laid out by the room they actually have (not the
 * window's width: the same list sits in a page, a side column or a dialog): two pairs a row
 * where they fit, one where they do not, each label above its value on a phone. Labels never
 * wrap and values wrap only between words (`.fact-list` in global.css); a value that is prose
 * (a description, a reason) says so with `<Prose>` and wraps anywhere.
 */
export function FactList({ columns = 2, items, title }: { columns?: 1 | 2; items: DescriptionsProps['items']; title?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const isNarrow = width < SIDE_BY_SIDE_FROM;
  const column = columns === 2 && width >= TWO_COLUMNS_FROM ? 2 : 1;
  return (
    <div ref={ref} className="fact-list">
      <Descriptions
        bordered
        size="small"
        title={title}
        layout={isNarrow ? 'vertical' : 'horizontal'}
        column={column}
        // A pair that spans the row keeps doing so, whatever the column count.
        items={items?.map((item) => ({ ...item, span: item.span === 'filled' || (typeof item.span === 'number' && item.span > 1) ? 'filled' : item.span }))}
      />
    </div>
  );
}

/** Free text inside a fact list or a card: it may wrap anywhere, keeping its line breaks. */
export function Prose({ children }: { children: ReactNode }) {
  return <div className="prose">{children}</div>;
}
