import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Alert, Button, Input } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useCitizen } from '../citizen-session';
import { readingErrorMessage } from '../portal-errors';
import { rememberedRegion } from '../content/RegionChooser';
import { citationOf } from '../../modules/knowledge/law-text';
import { entryHref, readerHref } from '../../modules/knowledge/laws-api';
import { askAssistant, type AssistantAnswer, type NextStep } from '../../modules/assistant/api';
import { prefilledRequestHref } from '../requests/prefill';
import '../../modules/knowledge/laws.css';

/** The assistant reads 2 to 1,000 characters (AskBodySchema). */
const QUESTION_LENGTH = { min: 2, max: 1000 };

/**
 * /assistant, 法律咨询助手: the citizen tells the problem in their own words; the answer places it
 * (dispute category, service), shows the articles (linked to the reader at their anchor), FAQ and
 * cases, the next steps, a machine-drafted answer when the deployment has a model (marked as such,
 * not legal advice), and turns it into a consultation with the form filled in.
 */
export default function AssistantPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { state } = useCitizen();
  const [question, setQuestion] = useState(params.get('q') ?? '');
  const [answer, setAnswer] = useState<AssistantAnswer>();
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();

  useEffect(() => {
    document.title = `${t('assistant.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (answer) resultRef.current?.focus();
  }, [answer]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = question.trim();
    setProblem(undefined);
    setError(undefined);
    if (text.length < QUESTION_LENGTH.min) {
      setProblem(t('assistant.tooShort'));
      return;
    }
    setBusy(true);
    try {
      const region = (state.status === 'signedIn' ? state.profile.region?.code : undefined) ?? rememberedRegion();
      setAnswer(await askAssistant(text, region));
    } catch (e) {
      if (e instanceof ApiError && e.field && /question/.test(e.field)) setProblem(t('assistant.tooShort'));
      else setError(readingErrorMessage(t, e, 'assistant.loadFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="law-page">
      <h1>{t('assistant.title')}</h1>
      <p className="law-intro">{t('assistant.intro')}</p>
      <form className="assistant-form" onSubmit={submit} noValidate>
        <div className="form-row portal-field">
          <label htmlFor={inputId}>{t('assistant.questionLabel')}</label>
          <div id={hintId} className="portal-field-hint">
            {t('assistant.questionHint')}
          </div>
          <Input.TextArea
            id={inputId}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={QUESTION_LENGTH.max}
            aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
            aria-invalid={problem ? true : undefined}
          />
          {problem ? (
            <div id={problemId} className="portal-field-problem" role="alert">
              {problem}
            </div>
          ) : null}
        </div>
        <Button type="primary" htmlType="submit" size="large" loading={isBusy}>
          {isBusy ? t('assistant.asking') : t('assistant.submit')}
        </Button>
      </form>
      {error ? <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 16 }} /> : null}
      {answer ? <AnswerView answer={answer} headingRef={resultRef} onApply={(kind) => navigate(prefilledRequestHref(kind, answer.prefill))} /> : null}
    </div>
  );
}

function serviceName(t: (key: string, options?: Record<string, unknown>) => string, serviceType: string): string {
  return t(`portal.services.${serviceType}`, { defaultValue: t(`services.${serviceType}`, { defaultValue: serviceType }) });
}

/** The request form the answer suggests (a request kind), when it is not the consultation. */
function otherForm(prefill: { serviceType: string }): string | undefined {
  return prefill.serviceType && prefill.serviceType !== 'consultation' ? prefill.serviceType : undefined;
}

function AnswerView({ answer, headingRef, onApply }: { answer: AssistantAnswer; headingRef: RefObject<HTMLHeadingElement | null>; onApply(kind: string): void }) {
  const { t } = useTranslation();
  const formKind = otherForm(answer.prefill);
  const categoryHelp = answer.category ? t(`requests.categoryHelp.${answer.category}`, { defaultValue: '' }) : '';
  const findArticle = (lawTitle: string, articleNo: string) => answer.articles.find((a) => a.lawTitle === lawTitle && a.articleNo === articleNo);

  return (
    <section className="assistant-result" aria-labelledby="assistant-result-title">
      <div className="assistant-block">
        <h2 id="assistant-result-title" ref={headingRef} tabIndex={-1}>
          {t('assistant.resultTitle')}
        </h2>
        <dl className="assistant-facts">
          <dt>{t('assistant.category')}</dt>
          <dd data-testid="assistant-category">
            {answer.category ? t(`categories.${answer.category}`, { defaultValue: answer.category }) : t('assistant.unknown')}
            {answer.category && answer.isUncertain ? <span className="law-total">{t('assistant.uncertain')}</span> : null}
            {categoryHelp ? <div className="portal-field-hint">{categoryHelp}</div> : null}
          </dd>
          <dt>{t('assistant.serviceType')}</dt>
          <dd data-testid="assistant-service">{answer.serviceType ? serviceName(t, answer.serviceType) : t('assistant.unknown')}</dd>
        </dl>
      </div>

      {answer.draft ? (
        <div className="assistant-block assistant-draft" role="region" aria-labelledby="assistant-draft-title">
          <h2 id="assistant-draft-title">{t('assistant.draftTitle')}</h2>
          <p>
            <strong>{t('assistant.draftNotice')}</strong>
          </p>
          <p className="assistant-draft-text" lang="zh-CN">
            {answer.draft.text}
          </p>
          {answer.draft.citations.length > 0 ? (
            <p>
              {t('assistant.draftCites')}{' '}
              {answer.draft.citations.map((c, i) => {
                const article = findArticle(c.lawTitle, c.articleNo);
                const label = citationOf(c);
                return (
                  <span key={i} lang="zh-CN">
                    {i > 0 ? '、' : null}
                    {article ? <Link to={readerHref(article.lawId, article.anchor)}>{label}</Link> : label}
                  </span>
                );
              })}
            </p>
          ) : null}
        </div>
      ) : null}

      {answer.nextSteps.length > 0 ? (
        <div className="assistant-block">
          <h2>{t('assistant.nextSteps')}</h2>
          <ol className="assistant-steps">
            {answer.nextSteps.map((step, i) => (
              <li key={`${step.kind}-${i}`}>
                <StepTitle step={step} />
                {step.text ? (
                  <p style={{ whiteSpace: 'pre-wrap' }} lang="zh-CN">
                    {step.text}
                  </p>
                ) : null}
                {step.venue?.phone ? (
                  <p>
                    <a href={`tel:${step.venue.phone}`}>{step.venue.phone}</a>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      <div className="assistant-block">
        <p>{t('assistant.toConsultationHint')}</p>
        <div className="assistant-actions">
          <Button type="primary" size="large" onClick={() => onApply('consultation')}>
            {t('assistant.toConsultation')}
          </Button>
          {formKind ? (
            <Button size="large" onClick={() => onApply(formKind)}>
              {t(`requests.kinds.${formKind}`, { defaultValue: serviceName(t, formKind) })}
            </Button>
          ) : null}
        </div>
      </div>

      <div className="assistant-block">
        <h2>{t('assistant.articles')}</h2>
        {answer.articles.length === 0 ? (
          <p>{t('assistant.noArticles')}</p>
        ) : (
          <ol className="law-list">
            {answer.articles.map((a) => (
              <li key={`${a.lawId}-${a.anchor}`} className="law-item">
                <h3 lang="zh-CN">
                  <Link to={readerHref(a.lawId, a.anchor)}>{citationOf(a)}</Link>
                </h3>
                <FoldedText text={a.text} />
              </li>
            ))}
          </ol>
        )}
      </div>

      {answer.faq.length > 0 ? (
        <div className="assistant-block">
          <h2>{t('assistant.faq')}</h2>
          <ul className="law-list">
            {answer.faq.map((f) => (
              <li key={f.id} className="law-item">
                <h3 lang="zh-CN">
                  <Link to={entryHref(f.id)}>{f.title}</Link>
                </h3>
                <FoldedText text={f.text} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {answer.cases.length > 0 ? (
        <div className="assistant-block">
          <h2>{t('assistant.cases')}</h2>
          <ul className="law-list">
            {answer.cases.map((c, i) => (
              <li key={c.id ?? `${c.lawId}-${i}`} className="law-item">
                <h3 lang="zh-CN">
                  {c.lawId ? <Link to={readerHref(c.lawId, c.anchor)}>{c.title}</Link> : c.id ? <Link to={entryHref(c.id)}>{c.title}</Link> : c.title}
                </h3>
                <FoldedText text={c.text} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <p className="assistant-disclaimer">{t('assistant.disclaimer')}</p>
    </section>
  );
}

/** A step's title, linked where it leads somewhere: a page of the portal, a phone number, a web address — nothing else. */
function StepTitle({ step }: { step: NextStep }) {
  const href = step.href ?? '';
  const title = <span lang="zh-CN">{step.title}</span>;
  if (href.startsWith('/') && !href.startsWith('//')) return <strong><Link to={href}>{title}</Link></strong>;
  if (/^(https?:|tel:)/i.test(href)) return <strong><a href={href}>{title}</a></strong>;
  return <strong>{title}</strong>;
}

/** A long text shown in its first lines, the rest a tap away (all of it is in the page for a screen reader). */
function FoldedText({ text }: { text: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const isLong = text.length > 120;
  return (
    <>
      <p className={isLong && !isOpen ? 'law-item-text is-folded' : 'law-item-text'} lang="zh-CN">
        {text}
      </p>
      {isLong ? (
        <button type="button" className="law-copy" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
          {t(isOpen ? 'laws.hideText' : 'laws.showText')}
        </button>
      ) : null}
    </>
  );
}
