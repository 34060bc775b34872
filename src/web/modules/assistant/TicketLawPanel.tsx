import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { errorMessage } from '../../app/errors';
import { copyText } from '../knowledge/clipboard';
import { citationOf, citationWithText } from '../knowledge/law-text';
import { readerHref } from '../knowledge/laws-api';
import '../knowledge/laws.css';
import { useAnswerBoxTarget } from '../tickets/answer-box';
import { draftAnswer, getTicketSuggestions, type AssistantAnswer } from './api';

/** One request per ticket and page load, shared by the panel beside the ticket and the one in the resolve dialog. */
const loads = new Map<string, Promise<AssistantAnswer>>();
function loadSuggestions(ticketId: string): Promise<AssistantAnswer> {
  let load = loads.get(ticketId);
  if (!load) {
    load = getTicketSuggestions(ticketId);
    loads.set(ticketId, load);
    load.catch(() => loads.delete(ticketId));
  }
  return load;
}

/** The server has no such route (not deployed yet), or no drafting model: nothing to show. */
const isAbsent = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 501);

type State = { status: 'loading' } | { status: 'absent' } | { status: 'failed'; error: unknown } | { status: 'ready'; answer: AssistantAnswer };

/**
 * 相关法条与问答 beside a consultation ticket: the articles and FAQ the assistant finds for the
 * ticket's description (GET /api/tickets/:id/suggestions), each with "insert citation" into the
 * answer being written (the message to the applicant, or the resolution), the article's text
 * if wanted, and a link to the reader. With a drafting model, "draft an answer" fills the box
 * with a machine draft to review. Hidden while the server has no suggestions route.
 */
export function TicketLawPanel({ ticketId, isEmbedded = false }: { ticketId: string; isEmbedded?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const target = useAnswerBoxTarget();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // absent: no draft route, or no model configured (the button goes); unavailable: the model did not answer usefully this time.
  const [draftState, setDraftState] = useState<'idle' | 'busy' | 'unavailable' | 'absent'>('idle');

  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    loadSuggestions(ticketId).then(
      (answer) => isCurrent && setState({ status: 'ready', answer }),
      (error: unknown) => isCurrent && setState(isAbsent(error) ? { status: 'absent' } : { status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [ticketId, attempt]);

  if (state.status === 'absent') return null;

  async function put(text: string) {
    if (target) {
      target.insert(text);
      message.success(t('assistant.panel.inserted'));
    } else if (await copyText(text)) {
      message.success(t('assistant.panel.copied'));
    } else {
      message.error(t('laws.reader.copyFailed'));
    }
  }

  async function draft() {
    if (!target) return;
    setDraftState('busy');
    try {
      const drafted = await draftAnswer(ticketId);
      target.fillDraft(drafted.text);
      setDraftState('idle');
      message.warning(t('assistant.panel.drafted'));
    } catch (error) {
      if (isAbsent(error)) {
        setDraftState('absent');
      } else if (error instanceof ApiError && error.code === 'MODEL_UNAVAILABLE') {
        // Without a `reason` the deployment has no model at all; with one, this attempt failed (timeout, nothing cited).
        setDraftState(error.body.reason ? 'unavailable' : 'absent');
      } else {
        setDraftState('idle');
        message.error(t('assistant.panel.draftFailed', { message: errorMessage(t, error) }));
      }
    }
  }

  const verb = target ? 'insert' : 'copy';
  const body =
    state.status === 'loading' ? (
      <div role="status" style={{ textAlign: 'center', padding: 16 }}>
        <Spin size="small" />
      </div>
    ) : state.status === 'failed' ? (
      <Alert
        type="warning"
        showIcon
        message={t('assistant.panel.loadFailed')}
        description={errorMessage(t, state.error)}
        action={<Button size="small" onClick={() => setAttempt((n) => n + 1)}>{t('assistant.panel.retry')}</Button>}
      />
    ) : (
      <div data-testid="ticket-law-panel">
        <p style={{ marginTop: 0 }}>{target ? t('assistant.panel.intro') : t('assistant.panel.noTarget')}</p>
        {target && draftState !== 'absent' ? (
          <p>
            <Button onClick={() => void draft()} loading={draftState === 'busy'}>
              {draftState === 'busy' ? t('assistant.panel.drafting') : t('assistant.panel.draft')}
            </Button>
          </p>
        ) : null}
        {draftState === 'unavailable' || draftState === 'absent' ? (
          <p className="law-total" role="status">
            {t(draftState === 'absent' ? 'assistant.panel.draftNotConfigured' : 'assistant.panel.draftUnavailable')}
          </p>
        ) : null}
        {state.answer.articles.length === 0 && state.answer.faq.length === 0 ? <p>{t('assistant.panel.empty')}</p> : null}
        {state.answer.articles.length > 0 ? (
          <>
            <h3 className="law-section-title" style={{ marginTop: 0 }}>{t('assistant.articles')}</h3>
            <ol className="law-list">
              {state.answer.articles.map((a) => {
                const citation = citationOf(a);
                return (
                  <li key={`${a.lawId}-${a.anchor}`} className="law-item">
                    <h4 style={{ margin: '0 0 4px' }}>
                      <Link to={readerHref(a.lawId, a.anchor, '/workbench/laws')}>{citation}</Link>
                    </h4>
                    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: t('laws.showText') }} style={{ marginBottom: 6 }}>
                      {a.text}
                    </Typography.Paragraph>
                    <Space size={4} wrap>
                      <Button size="small" type="primary" onClick={() => void put(citation)}>
                        {t(`assistant.panel.${verb}`)}
                        <span className="visually-hidden">：{citation}</span>
                      </Button>
                      {target ? (
                        <Button size="small" onClick={() => void put(citationWithText(a))}>
                          {t('assistant.panel.insertWithText')}
                          <span className="visually-hidden">：{citation}</span>
                        </Button>
                      ) : null}
                      <Link to={readerHref(a.lawId, a.anchor, '/workbench/laws')} target={isEmbedded ? '_blank' : undefined}>
                        {t('assistant.panel.read')}
                        <span className="visually-hidden">：{citation}</span>
                      </Link>
                    </Space>
                  </li>
                );
              })}
            </ol>
          </>
        ) : null}
        {state.answer.faq.length > 0 ? (
          <>
            <h3 className="law-section-title">{t('assistant.faq')}</h3>
            <ul className="law-list">
              {state.answer.faq.map((f) => (
                <li key={f.id} className="law-item">
                  <h4 style={{ margin: '0 0 4px' }}>{f.title}</h4>
                  <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: t('laws.showText') }} style={{ marginBottom: 6 }}>
                    {f.text}
                  </Typography.Paragraph>
                  <Button size="small" onClick={() => void put(f.text)}>
                    {t(target ? 'assistant.panel.insertFaq' : 'assistant.panel.copyFaq')}
                    <span className="visually-hidden">：{f.title}</span>
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );

  if (isEmbedded) return <section aria-label={t('assistant.panel.title')}>{body}</section>;
  return (
    <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('assistant.panel.title')}</h2>} style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );
}
