import { createElement, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { copyText } from './clipboard';
import { citationOf, citationWithText, readerBlocks } from './law-text';
import type { Law, LawArticle } from './laws-api';
import './laws.css';

type Props = {
  law: Law;
  /** Where readers live: /laws on the portal, /workbench/laws for staff. */
  base: string;
  /** The fragment of the address (an article's anchor, or a heading's): scrolled to, an article marked. */
  targetAnchor?: string;
};

/**
 * A law to read on a phone: title, level, dates, in force or not with links between its
 * versions, the history lines, a table of contents (编/章/节) that jumps to its headings, and the
 * articles, each with its anchor as id, so /laws/:id#第五十四条 scrolls to that article and marks
 * it. Plain HTML in em units: elder mode's larger root size enlarges all of it.
 */
export function LawReader({ law, base, targetAnchor }: Props) {
  const { t } = useTranslation();
  const blocks = useMemo(() => readerBlocks(law.toc, law.articles), [law]);
  const [copied, setCopied] = useState('');
  const tocId = useId();
  const versionsId = useId();
  const current = law.isCurrent ? undefined : law.versions.find((v) => v.isCurrent && v.id !== law.id);
  const others = law.versions.filter((v) => v.id !== law.id);
  const bodyRef = useRef<HTMLDivElement>(null);

  // The anchored article or heading is rendered only now: bring it into view, and the reader's focus with it.
  useEffect(() => {
    if (!targetAnchor) return;
    const target = document.getElementById(targetAnchor);
    if (!target || !bodyRef.current?.contains(target)) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [law, targetAnchor]);

  async function copy(article: LawArticle) {
    const citation = citationOf({ lawTitle: law.title, articleNo: article.articleNo });
    const isCopied = await copyText(citationWithText({ lawTitle: law.title, articleNo: article.articleNo, text: article.text }));
    setCopied(isCopied ? t('laws.reader.copied', { citation }) : t('laws.reader.copyFailed'));
  }

  return (
    <article className="law-reader">
      <header className="law-reader-header">
        <h1 lang="zh-CN">
          {law.title}
          {law.part ? <span className="law-part">{law.part}</span> : null}
        </h1>
        <p className="law-badges">
          <span className="law-badge">{t(`laws.levels.${law.level}`, { defaultValue: law.level })}</span>
          <span className={law.isCurrent ? 'law-badge is-current' : 'law-badge is-expired'}>{t(law.isCurrent ? 'laws.current' : 'laws.expired')}</span>
        </p>
        <dl className="law-facts">
          {law.publishedOn ? (
            <div>
              <dt>{t('laws.reader.publishedOn')}</dt>
              <dd>{law.publishedOn}</dd>
            </div>
          ) : null}
          {law.effectiveOn ? (
            <div>
              <dt>{t('laws.reader.effectiveOn')}</dt>
              <dd>{law.effectiveOn}</dd>
            </div>
          ) : null}
          <div>
            <dd>{t('laws.reader.articleCount', { count: law.articles.length })}</dd>
          </div>
        </dl>
        {!law.isCurrent ? (
          <p className="law-old" role="note">
            {t('laws.reader.oldVersion')} {current ? <Link to={`${base}/${current.id}`}>{t('laws.reader.toCurrent')}</Link> : null}
          </p>
        ) : null}
        {others.length > 0 ? (
          <nav aria-labelledby={versionsId} className="law-versions">
            <h2 id={versionsId}>{t('laws.reader.versions')}</h2>
            <ul>
              {law.versions.map((v) => (
                <li key={v.id}>
                  {v.id === law.id ? (
                    <span aria-current="page">
                      {v.publishedOn ?? v.title} {t('laws.reader.thisVersion')}
                    </span>
                  ) : (
                    <Link to={`${base}/${v.id}`}>{v.publishedOn ?? v.title}</Link>
                  )}{' '}
                  <span className={v.isCurrent ? 'law-badge is-current' : 'law-badge is-expired'}>{t(v.isCurrent ? 'laws.current' : 'laws.expired')}</span>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {law.history.length > 0 ? (
          <details className="law-history">
            <summary>{t('laws.reader.history')}</summary>
            <ul lang="zh-CN">
              {law.history.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </header>

      {law.toc.length > 0 ? (
        <nav aria-labelledby={tocId} className="law-toc">
          <details>
            <summary id={tocId}>{t('laws.reader.toc')}</summary>
            <ol lang="zh-CN">
              {blocks.map((b) =>
                b.kind === 'heading' ? (
                  <li key={b.id} className={`law-toc-level-${Math.min(b.level, 4)}`}>
                    <a href={`#${b.id}`}>{b.title}</a>
                  </li>
                ) : null,
              )}
            </ol>
          </details>
        </nav>
      ) : null}

      <p role="status" className="law-copied">
        {copied}
      </p>

      <div className="law-body" ref={bodyRef}>
        {law.articles.length === 0 ? <p>{t('laws.reader.noText')}</p> : null}
        {blocks.map((b) =>
          b.kind === 'heading' ? (
            createElement(`h${Math.min(b.level + 1, 6)}`, { key: b.id, id: b.id, className: 'law-heading', tabIndex: -1, lang: 'zh-CN' }, b.title)
          ) : (
            <Article key={b.article.anchor} article={b.article} isTarget={b.article.anchor === targetAnchor} onCopy={copy} />
          ),
        )}
      </div>
    </article>
  );
}

function Article({ article, isTarget, onCopy }: { article: LawArticle; isTarget: boolean; onCopy(article: LawArticle): void }) {
  const { t } = useTranslation();
  const [first = '', ...rest] = article.text.split('\n').filter((line) => line.trim() !== '');
  const showsNumber = article.articleNo !== '全文';
  return (
    <div id={article.anchor} className={isTarget ? 'law-article is-target' : 'law-article'} tabIndex={-1} aria-current={isTarget ? 'location' : undefined}>
      {isTarget ? <span className="visually-hidden">{t('laws.reader.target')}</span> : null}
      <p lang="zh-CN">
        {showsNumber ? <strong className="law-article-no">{article.articleNo}</strong> : null}
        {showsNumber ? ' ' : null}
        {first}
      </p>
      {rest.map((line, i) => (
        <p key={i} lang="zh-CN">
          {line}
        </p>
      ))}
      <button type="button" className="law-copy" onClick={() => onCopy(article)}>
        {t('laws.reader.copyCitation')}
        <span className="visually-hidden">（{article.articleNo}）</span>
      </button>
    </div>
  );
}
