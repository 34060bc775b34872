import { useEffect, useState } from 'react';
import { Button, Input, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors';
import { citationOf } from '../knowledge/law-text';
import { searchLaws, type SearchResult } from '../knowledge/laws-api';

export type PickedCitation = { lawTitle: string; articleNo: string };

/**
 * 相关法条 beside the consultation form: the law search (GET /api/laws/search, articles only)
 * for the caller's question, searched again as the question is typed (after a pause) or as the
 * operator asks; each result's "cite" adds it to the answer's citations.
 */
export function DeskLawSuggestions({ question, onCite }: { question: string; onCite: (citation: PickedCitation) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(question);
  const [isEdited, setEdited] = useState(false);
  const [results, setResults] = useState<SearchResult[]>();
  const [error, setError] = useState<unknown>();

  // Follows the question until the operator types their own search words.
  useEffect(() => {
    if (!isEdited) setQ(question);
  }, [question, isEdited]);

  useEffect(() => {
    const words = q.trim();
    if (!words) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchLaws({ q: words, types: ['article'], limit: 6 }, controller.signal).then(
        (answer) => {
          setResults(answer.results);
          setError(undefined);
        },
        (e: unknown) => !controller.signal.aborted && setError(e),
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  return (
    <section aria-labelledby="desk-law-title" className="hotline-desk-laws">
      <Typography.Title level={3} id="desk-law-title" style={{ fontSize: 16 }}>
        {t('hotline.desk.laws.title')}
      </Typography.Title>
      <Input.Search
        value={q}
        aria-label={t('hotline.desk.laws.search')}
        placeholder={t('hotline.desk.laws.search')}
        onChange={(e) => {
          setEdited(true);
          setQ(e.target.value);
        }}
        allowClear
      />
      {error !== undefined && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <List
        aria-live="polite"
        aria-busy={results === undefined}
        loading={results === undefined && !error}
        dataSource={results ?? []}
        locale={{ emptyText: q.trim() ? t('hotline.desk.laws.none') : t('hotline.desk.laws.typeQuestion') }}
        renderItem={(result) => {
          const citation = citationOf(result);
          return (
            <List.Item
              key={`${result.lawId}-${result.anchor}`}
              actions={[
                <Button key="cite" size="small" onClick={() => onCite({ lawTitle: result.lawTitle, articleNo: result.articleNo })} aria-label={t('hotline.desk.laws.citeLabel', { citation })}>
                  {t('hotline.desk.laws.cite')}
                </Button>,
              ]}
            >
              <List.Item.Meta title={citation} description={<Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>{result.text}</Typography.Paragraph>} />
            </List.Item>
          );
        }}
      />
    </section>
  );
}
