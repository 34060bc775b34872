import { useEffect, useId, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Pagination, Select, Space, Spin, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { copyText } from './clipboard';
import { citationOf, citationWithText, searchParamsOf, searchStateOf, type SearchState } from './law-text';
import { LAW_LEVELS, RESULT_TYPES, readerHref, searchLaws, type LawLevel, type ResultType, type SearchAnswer, type SearchResult } from './laws-api';
import { Snippet } from './Snippet';
import './laws.css';

const PAGE_SIZE = 20;
const TYPE_COLORS: Record<ResultType, string> = { article: 'blue', case: 'purple', faq: 'gold' };

/**
 * 法律法规检索 for staff: the portal's search (same API, same filters) with page numbers, a
 * "copy citation" on every article for the answer being written, and the reader one click away.
 */
export default function StaffLawSearchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const state = searchStateOf(params);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const key = `${searchParamsOf(state)}&page=${page}`;
  const [text, setText] = useState(state.q);
  const [answer, setAnswer] = useState<SearchAnswer>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(false);
  const levelId = useId();

  useEffect(() => setText(state.q), [state.q]);

  useEffect(() => {
    const current = searchStateOf(new URLSearchParams(key));
    setAnswer(undefined);
    setError(undefined);
    if (!current.q) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    searchLaws({ q: current.q, level: current.level as LawLevel | undefined, types: current.types, currentOnly: current.currentOnly, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, controller.signal)
      .then(setAnswer, (e: unknown) => !controller.signal.aborted && setError(e))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [key, page]);

  function update(next: Partial<SearchState>, nextPage?: number) {
    const merged = searchParamsOf({ ...state, ...next });
    if (nextPage && nextPage > 1) merged.set('page', String(nextPage));
    setParams(merged);
  }

  async function copy(result: SearchResult, withText: boolean) {
    const source = { lawTitle: result.lawTitle ?? '', articleNo: result.articleNo, text: result.text };
    const isCopied = await copyText(withText ? citationWithText(source) : citationOf(source));
    if (isCopied) message.success(t('laws.workbench.copied'));
    else message.error(t('laws.reader.copyFailed'));
  }

  const selectedTypes = state.types.length > 0 ? state.types : [...RESULT_TYPES];

  return (
    <>
      <PageTitle>{t('laws.workbench.title')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <p style={{ marginTop: 0 }}>{t('laws.workbench.intro')}</p>
        <Input.Search
          aria-label={t('laws.searchLabel')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          enterButton={t('laws.searchButton')}
          placeholder={t('laws.searchPlaceholder')}
          maxLength={200}
          size="large"
          allowClear
        />
        <Space wrap size="large" style={{ marginTop: 12 }}>
          <span>
            <label htmlFor={levelId} style={{ marginInlineEnd: 8 }}>
              {t('laws.level')}
            </label>
            <Select<LawLevel | ''>
              id={levelId}
              style={{ minWidth: 160 }}
              value={(state.level as LawLevel | undefined) ?? ''}
              onChange={(v) => update({ level: v || undefined })}
              options={[{ value: '', label: t('laws.anyLevel') }, ...LAW_LEVELS.map((l) => ({ value: l, label: t(`laws.levels.${l}`) }))]}
            />
          </span>
          <Checkbox checked={state.currentOnly} onChange={(e) => update({ currentOnly: e.target.checked })}>
            {t('laws.currentOnly')}
          </Checkbox>
          <span role="group" aria-label={t('laws.types')}>
            {RESULT_TYPES.map((type) => (
              <Checkbox
                key={type}
                checked={selectedTypes.includes(type)}
                onChange={(e) => {
                  const next = e.target.checked ? [...selectedTypes, type] : selectedTypes.filter((x) => x !== type);
                  update({ types: next.length === RESULT_TYPES.length ? [] : next });
                }}
              >
                {t(`laws.resultTypes.${type}`)}
              </Checkbox>
            ))}
          </span>
        </Space>
      </Card>

      {error ? <Alert type="error" showIcon role="alert" message={errorMessage(t, error)} style={{ marginBottom: 16 }} /> : null}
      {isLoading ? (
        <div role="status" style={{ padding: 32, textAlign: 'center' }}>
          <Spin /> <span>{t('laws.loading')}</span>
        </div>
      ) : null}
      {answer ? (
        <Card>
          {answer.rewrites.length > 0 ? (
            <div className="law-rewrites">
              {t('laws.rewritesIntro')}{' '}
              <ul>
                {answer.rewrites.map((r, i) => (
                  <li key={i}>{t('laws.rewrite', { everyday: r.everyday.join(' '), legal: r.legal })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {answer.laws.length > 0 && page === 1 ? (
            <section aria-label={t('laws.matchingLaws')}>
              <h2 className="law-section-title" style={{ marginTop: 0 }}>
                {t('laws.matchingLaws')}
              </h2>
              <ul className="law-laws">
                {answer.laws.map((law) => (
                  <li key={law.id}>
                    <Link to={readerHref(law.id, null, '/workbench/laws')}>{law.part ? `${law.title} · ${law.part}` : law.title}</Link>
                    <Tag>{t(`laws.levels.${law.level}`, { defaultValue: law.level })}</Tag>
                    {!law.isCurrent ? <Tag color="red">{t('laws.expired')}</Tag> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2 className="law-section-title">{t('laws.results')}</h2>
          {answer.total === 0 ? (
            <Empty description={t('laws.empty')} />
          ) : (
            <>
              <p className="law-total">{t('laws.total', { count: answer.total })}</p>
              <ol className="law-list">
                {answer.results.map((result, i) => (
                  <li key={`${result.type}-${result.lawId ?? result.entryId}-${result.anchor ?? ''}-${i}`} className="law-item">
                    <h3>
                      {result.lawId ? (
                        <Link to={readerHref(result.lawId, result.anchor, '/workbench/laws')}>{`${result.lawTitle ?? ''} ${result.articleNo ?? ''}`.trim()}</Link>
                      ) : (
                        result.title
                      )}
                    </h3>
                    <Space size={4} wrap style={{ marginBottom: 6 }}>
                      <Tag color={TYPE_COLORS[result.type]}>{t(`laws.resultTypes.${result.type}`)}</Tag>
                      {result.level ? <Tag>{t(`laws.levels.${result.level}`, { defaultValue: result.level })}</Tag> : null}
                      {result.isCurrent === false ? <Tag color="red">{t('laws.expired')}</Tag> : null}
                    </Space>
                    {result.headingPath ? <p className="law-item-path">{result.headingPath}</p> : null}
                    <Snippet parts={result.snippet} />
                    {result.lawId && result.lawTitle ? (
                      <Space size={4} wrap style={{ marginTop: 6 }}>
                        <Button size="small" onClick={() => void copy(result, false)}>
                          {t('laws.workbench.copy')}
                        </Button>
                        <Button size="small" onClick={() => void copy(result, true)}>
                          {t('laws.workbench.copyWithText')}
                        </Button>
                      </Space>
                    ) : (
                      <details>
                        <summary>{t('laws.showText')}</summary>
                        <p className="law-item-text">{result.text}</p>
                      </details>
                    )}
                  </li>
                ))}
              </ol>
              {answer.total > PAGE_SIZE ? (
                <Pagination
                  style={{ marginTop: 16 }}
                  current={page}
                  pageSize={PAGE_SIZE}
                  total={Math.min(answer.total, 10_000)}
                  showSizeChanger={false}
                  onChange={(p) => update({}, p)}
                />
              ) : null}
            </>
          )}
        </Card>
      ) : null}
    </>
  );
}
