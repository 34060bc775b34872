import { useRef, type Key, type ReactNode } from 'react';
import { Card, List, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useWidth } from './FactList';

/** Below this width a table becomes a list of cards: no sideways scrolling on a phone. */
const CARDS_BELOW = 576;

type Props<T> = Omit<TableProps<T>, 'columns' | 'rowKey'> & {
  columns: ColumnType<T>[];
  rowKey: keyof T & string;
  /** What a card is called for screen readers, e.g. the ticket number. */
  cardLabel?: (record: T) => string;
};

/**
 * A table at a desk, a list of cards on a phone (one card per row: the first column as its
 * heading, every other column as a label and its value). Headers never wrap
 * (global.css); the table scrolls inside its own box rather than pushing the page wider.
 */
export function RecordTable<T extends object>({ columns, dataSource, rowKey, cardLabel, pagination, loading, scroll, locale, ...rest }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const isCards = width > 0 && width < CARDS_BELOW;
  const rows = (dataSource ?? []) as T[];
  const cell = (column: ColumnType<T>, record: T, index: number): ReactNode => {
    const value = column.dataIndex ? (record as Record<string, unknown>)[column.dataIndex as string] : undefined;
    return column.render ? (column.render(value, record, index) as ReactNode) : (value as ReactNode);
  };
  const [head, ...body] = columns;
  return (
    <div ref={ref}>
      {isCards ? (
        <List<T>
          loading={Boolean(loading)}
          dataSource={rows}
          locale={locale?.emptyText && typeof locale.emptyText !== 'function' ? { emptyText: locale.emptyText } : undefined}
          rowKey={(r) => (r as Record<string, unknown>)[rowKey] as Key}
          pagination={
            pagination
              ? { current: pagination.current, pageSize: pagination.pageSize, total: pagination.total, showTotal: pagination.showTotal, onChange: pagination.onChange, size: 'small', align: 'center' }
              : false
          }
          renderItem={(record, index) => (
            <List.Item style={{ padding: '0 0 12px', borderBlockEnd: 0 }}>
              <Card size="small" className="record-card" style={{ width: '100%' }} title={cell(head, record, index)} aria-label={cardLabel?.(record)} role="article">
                <dl>
                  {body.map((column) => (
                    <div key={String(column.key ?? column.dataIndex)}>
                      <dt>{column.title as ReactNode}</dt>
                      <dd>{cell(column, record, index) ?? '—'}</dd>
                    </div>
                  ))}
                </dl>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<T>
          {...rest}
          rowKey={rowKey}
          columns={columns}
          dataSource={dataSource}
          loading={loading}
          locale={locale}
          pagination={pagination}
          scroll={{ x: 'max-content', ...scroll }}
        />
      )}
    </div>
  );
}
