import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button, Checkbox, Input, Select, Spin } from 'antd';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { readingErrorMessage } from '../portal-errors';
import { Snippet } from '../../modules/knowledge/Snippet';
import { searchParamsOf, searchStateOf, type SearchState } from '../../modules/knowledge/law-text';
import { LAW_LEVELS, RESULT_TYPES, entryHref, readerHref, searchLaws, type LawLevel, type ResultType, type SearchAnswer, type SearchResult } from '../../modules/knowledge/laws-api';
import '../../modules/knowledge/laws.css';

const PAGE_SIZE = 20;
/** What people ask the 12348 desk most, as they say it: the corpus is Chinese, so these stay Chinese in every language. */
const EXAMPLES = ['老板拖欠工资', '离婚后孩子抚养', '交通事故赔偿', '借钱不还', '工伤认定', '申请法律援助'];

type Loaded = { answer: SearchAnswer; results: SearchResult[] };

/**
 * /laws, 法律法规查询: a question in everyday words (or a law's name) → the matching laws, then
 * the articles, cases and FAQ, each with its highlighted snippet; filters by level, type and
 * "in force only"; more results on request. The address holds the search, so it can be shared.
 * Articles open in the reader at their anchor, FAQ entries and case explainers on their own page.
 */
export default function LawSearchPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const state = searchStateOf(params);
  const key = searchParamsOf(state).toString();
  const [text, setText] = useState(state.q);
  const [loaded, setLoaded] = useState<Loaded>();
  const [status, setStatus] = useState<'idle' | 'loading' | 'more' | 'done' | 'failed'>('idle');
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const abort = useRef<AbortController>(undefined);
  const inputId = useId();
  const levelId = useId();
  const lawsHeadingId = useId();
  const resultsHeadingId = useId();

  useEffect(() => setText(state.q), [state.q]);

  useEffect(() => {
    document.title = `${t('laws.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    const current = searchStateOf(new URLSearchParams(key));
    abort.current?.abort();
    setLoaded(undefined);
    setError(undefined);
    if (!current.q) {
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setStatus('loading');
    searchLaws(queryOf(current, 0), controller.signal).then(
      (answer) => {
        setLoaded({ answer, results: answer.results });
        setStatus('done');
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setStatus('failed');
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  function update(next: Partial<SearchState>) {
    setParams(searchParamsOf({ ...state, ...next }), { replace: next.q === undefined });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update({ q: text.trim() });
  }

  async function more() {
    if (!loaded) return;
    const controller = new AbortController();
    abort.current = controller;
    setStatus('more');
    try {
      const answer = await searchLaws(queryOf(state, loaded.results.length), controller.signal);
      setLoaded({ answer: loaded.answer, results: [...loaded.results, ...answer.results] });
      setStatus('done');
    } catch (e) {
      if (controller.signal.aborted) return;
      setError(e);
      setStatus('failed');
    }
  }

  const answer = loaded?.answer;
  const results = loaded?.results ?? [];
  const selectedTypes = state.types.length > 0 ? state.types : [...RESULT_TYPES];

  return (
    <div className="law-page">
      <h1>{t('laws.title')}</h1>
      <p className="law-intro">{t('laws.intro')}</p>
      {i18n.language !== 'zh-CN' ? <p className="law-intro">{t('laws.languageNote')}</p> : null}

      <form role="search" className="law-search-form" onSubmit={submit}>
        <div className="law-search-field">
          <label htmlFor={inputId}>{t('laws.searchLabel')}</label>
          <Input id={inputId} type="search" size="large" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('laws.searchPlaceholder')} maxLength={200} enterKeyHint="search" lang="zh-CN" />
        </div>
        <Button type="primary" htmlType="submit" size="large">
          {t('laws.searchButton')}
        </Button>
      </form>

      <fieldset className="law-filters">
        <legend>{t('laws.filters')}</legend>
        <span className="law-filter">
          <label htmlFor={levelId}>{t('laws.level')}</label>
          <Select<LawLevel | ''>
            id={levelId}
            value={(state.level as LawLevel | undefined) ?? ''}
            onChange={(v) => update({ level: v || undefined })}
            options={[{ value: '', label: t('laws.anyLevel') }, ...LAW_LEVELS.map((l) => ({ value: l, label: t(`laws.levels.${l}`) }))]}
          />
        </span>
        <Checkbox checked={state.currentOnly} onChange={(e) => update({ currentOnly: e.target.checked })}>
          {t('laws.currentOnly')}
        </Checkbox>
        <span className="law-filter" role="group" aria-label={t('laws.types')}>
          {RESULT_TYPES.map((type) => (
            <Checkbox
              key={type}
              checked={selectedTypes.includes(type)}
              onChange={(e) => {
                const next = e.target.checked ? [...selectedTypes, type] : selectedTypes.filter((x) => x !== type);
                // Unticking the last type shows everything again rather than nothing.
                update({ types: next.length === RESULT_TYPES.length ? [] : (next as ResultType[]) });
              }}
            >
              {t(`laws.resultTypes.${type}`)}
            </Checkbox>
          ))}
        </span>
      </fieldset>

      {status === 'idle' ? (
        <section aria-label={t('laws.examplesTitle')}>
          <h2 className="law-section-title">{t('laws.examplesTitle')}</h2>
          <ul className="law-examples" lang="zh-CN">
            {EXAMPLES.map((q) => (
              <li key={q}>
                <Link to={`/laws?${new URLSearchParams({ q })}`}>{q}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div aria-busy={status === 'loading'} aria-live="polite">
        {status === 'loading' ? (
          <div role="status" style={{ padding: 32, textAlign: 'center' }}>
            <Spin /> <span>{t('laws.loading')}</span>
          </div>
        ) : null}
        {status === 'failed' ? (
          <p role="alert" className="law-old">
            {readingErrorMessage(t, error, 'laws.loadFailed')}{' '}
            <Button onClick={() => (loaded ? void more() : setAttempt((n) => n + 1))}>{t('laws.retry')}</Button>
          </p>
        ) : null}
        {answer && answer.rewrites.length > 0 ? (
          <div className="law-rewrites">
            {t('laws.rewritesIntro')}{' '}
            <ul lang="zh-CN">
              {answer.rewrites.map((r, i) => (
                <li key={i}>{t('laws.rewrite', { everyday: r.everyday.join(' '), legal: r.legal })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {answer && answer.laws.length > 0 ? (
          <section aria-labelledby={lawsHeadingId}>
            <h2 id={lawsHeadingId} className="law-section-title">
              {t('laws.matchingLaws')}
            </h2>
            <ul className="law-laws">
              {answer.laws.map((law) => (
                <li key={law.id}>
                  <Link to={readerHref(law.id)} state={{ search: location.search }} lang="zh-CN">
                    {law.part ? `${law.title} · ${law.part}` : law.title}
                  </Link>
                  <span className="law-badge">{t(`laws.levels.${law.level}`, { defaultValue: law.level })}</span>
                  {!law.isCurrent ? <span className="law-badge is-expired">{t('laws.expired')}</span> : null}
                  {law.publishedOn ? <span className="law-total">{law.publishedOn}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {answer ? (
          <section aria-labelledby={resultsHeadingId}>
            <h2 id={resultsHeadingId} className="law-section-title">
              {t('laws.results')}
            </h2>
            {answer.total === 0 ? (
              <p>
                {t('laws.empty')} <Link to={`/assistant?${new URLSearchParams({ q: state.q })}`}>{t('laws.askAssistant')}</Link>
              </p>
            ) : (
              <>
                <p className="law-total">{t('laws.total', { count: answer.total })}</p>
                <ol className="law-list">
                  {results.map((result, i) => (
                    <li key={`${result.type}-${result.lawId ?? result.entryId}-${result.anchor ?? ''}-${i}`}>
                      <ResultItem result={result} search={location.search} />
                    </li>
                  ))}
                </ol>
                {results.length < answer.total ? (
                  <div className="law-more">
                    <Button size="large" loading={status === 'more'} onClick={() => void more()}>
                      {t('laws.more')}
                    </Button>
                  </div>
                ) : null}
              </>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function queryOf(state: SearchState, offset: number) {
  return { q: state.q, level: state.level as LawLevel | undefined, types: state.types, currentOnly: state.currentOnly, limit: PAGE_SIZE, offset };
}

/** One result: where it is (the law and article, or the entry's title), what kind, the words that matched. */
function ResultItem({ result, search }: { result: SearchResult; search: string }) {
  const { t } = useTranslation();
  const title = result.lawId ? `${result.lawTitle ?? ''} ${result.articleNo ?? ''}`.trim() : (result.title ?? result.lawTitle ?? '');
  return (
    <article className="law-item">
      <h3 lang="zh-CN">
        {result.lawId ? (
          <Link to={readerHref(result.lawId, result.anchor)} state={{ search }}>
            {title}
          </Link>
        ) : result.entryId ? (
          <Link to={entryHref(result.entryId)} state={{ search }}>
            {title}
          </Link>
        ) : (
          title
        )}
      </h3>
      <p className="law-badges">
        <span className={`law-badge is-${result.type}`}>{t(`laws.resultTypes.${result.type}`)}</span>
        {result.level ? <span className="law-badge">{t(`laws.levels.${result.level}`, { defaultValue: result.level })}</span> : null}
        {result.isCurrent === false ? <span className="law-badge is-expired">{t('laws.expired')}</span> : null}
      </p>
      {result.headingPath ? (
        <p className="law-item-path" lang="zh-CN">
          {result.headingPath}
        </p>
      ) : null}
      <div lang="zh-CN">
        <Snippet parts={result.snippet} />
      </div>
      {!result.lawId && !result.entryId && result.text ? (
        <details>
          <summary>{t('laws.showText')}</summary>
          <p className="law-item-text" lang="zh-CN">
            {result.text}
          </p>
        </details>
      ) : null}
    </article>
  );
}
