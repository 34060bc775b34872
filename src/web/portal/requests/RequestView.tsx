import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Input, Radio, Tag, Timeline, Typography, Upload } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './requests.css';
import { formatDateTime, formatDeadline } from '../../app/time';
import { portalErrorMessage } from '../portal-errors';
import { attachmentUrl, fetchMyRequest, rateRequest, reopenRequest, sendMessage, uploadToRequest, type CitizenRequest, type ProgressEntry } from './api';

/** Dark text on a light ground per status family: readable for every eye (WCAG AA contrast), not only the colour. */
const TONES = {
  blue: { color: '#10239e', background: '#f0f5ff', borderColor: '#adc6ff' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  grey: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;
const STATUS_TONE: Record<string, keyof typeof TONES> = {
  submitted: 'blue',
  accepted: 'blue',
  assigned: 'blue',
  in_progress: 'blue',
  suspended: 'orange',
  resolved: 'green',
  followed_up: 'green',
  archived: 'grey',
  rejected: 'red',
  merged: 'grey',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag style={TONES[STATUS_TONE[status] ?? 'grey']}>{t(`requests.status.${status}`, { defaultValue: status })}</Tag>;
}

/** One line of the progress, in the reader's words. */
function ProgressText({ entry }: { entry: ProgressEntry }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{t(`requests.progress.${entry.step}`, { defaultValue: entry.step })}</strong>
      <span className="request-progress-time"> · {formatDateTime(entry.at)}</span>
      {entry.unitName ? <div>{t('requests.progress.unit', { unit: entry.unitName })}</div> : null}
      {entry.reason ? <div>{t('requests.progress.reason', { reason: entry.reason })}</div> : null}
      {entry.answer ? <div className="request-answer">{t('requests.progress.answer')}：{entry.answer}</div> : null}
      {entry.fileName ? <div>{entry.fileName}</div> : null}
      {entry.mergedIntoNumber ? <div>{t('requests.progress.mergedInto', { number: entry.mergedIntoNumber })}</div> : null}
    </>
  );
}

const AXES = ['attitude', 'speed', 'policy', 'expertise'] as const;

/**
 * A request as its applicant follows it: what they asked, where it is, when it
 * is due, the conversation with the handler, their files, and — when the time
 * comes — rating and reopening. `onChange` receives the request after an action.
 */
export function RequestView({ request, onChange }: { request: CitizenRequest; onChange?(next: CitizenRequest): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <article aria-labelledby={headingId} className="request-view">
      <Card>
        <Typography.Title level={2} id={headingId} style={{ marginTop: 0 }}>
          {t(`requests.kinds.${request.kind}`, { defaultValue: request.kind })} <StatusTag status={request.status} />
        </Typography.Title>
        <dl className="request-facts">
          <dt>{t('requests.fields.number')}</dt>
          <dd className="nowrap">{request.number}</dd>
          <dt>{t('requests.fields.submittedAt')}</dt>
          <dd>{formatDateTime(request.createdAt)}</dd>
          <dt>{t('requests.fields.region')}</dt>
          <dd>{request.region.name}</dd>
          <dt>{t('requests.fields.category')}</dt>
          <dd>{t(`categories.${request.category}`, { defaultValue: request.category })}</dd>
          <dt>{t('requests.fields.unit')}</dt>
          <dd>{request.unitName ?? t('requests.fields.unitPending')}</dd>
          {request.deadlines
            .filter((d) => d.state === 'running' || d.state === 'overdue' || d.state === 'paused')
            .map((d) => (
              <div key={d.step} className="request-fact-row">
                <dt>{t(`requests.deadlines.${d.step}`, { defaultValue: d.step })}</dt>
                <dd>{formatDeadline(d.dueAt)}</dd>
              </div>
            ))}
        </dl>
        <Typography.Paragraph className="request-description">{request.description}</Typography.Paragraph>
      </Card>

      {request.progress ? (
        <Card title={<h3 className="card-heading">{t('requests.progress.title')}</h3>}>
          <Timeline items={request.progress.map((entry, i) => ({ key: i, children: <ProgressText entry={entry} />, color: entry.step === 'rejected' ? 'red' : entry.step === 'resolved' ? 'green' : 'blue' }))} />
        </Card>
      ) : null}

      {request.messages ? <Thread request={request} onChange={onChange} /> : null}
      {request.attachments && (request.abilities.upload || request.attachments.length > 0) ? <Files request={request} onChange={onChange} /> : null}
      {request.abilities.rate ? <RatingForm request={request} onChange={onChange} /> : null}
      {request.rating ? (
        <Card title={<h3 className="card-heading">{t('requests.rating.title')}</h3>}>
          <p>
            {AXES.map((axis) => `${t(`requests.rating.${axis}`)} ${request.rating![axis]}`).join(' · ')}
          </p>
        </Card>
      ) : null}
      {request.abilities.reopen ? <ReopenForm request={request} onChange={onChange} /> : null}
    </article>
  );
}

function Thread({ request, onChange }: { request: CitizenRequest; onChange?(next: CitizenRequest): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const labelId = useId();
  async function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onChange?.(await sendMessage(request.id, text.trim()));
      setText('');
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={<h3 className="card-heading">{t('requests.thread.title')}</h3>}>
      {request.messages!.length === 0 ? <p>{t('requests.thread.empty')}</p> : null}
      <ol className="request-thread" aria-live="polite">
        {request.messages!.map((m) => (
          <li key={m.id} className={`request-message request-message-${m.from}`}>
            <div className="request-message-meta">
              {m.from === 'staff' ? t('requests.thread.staff') : t('requests.thread.me')} · {formatDateTime(m.at)}
            </div>
            <div className="request-message-body">{m.body}</div>
          </li>
        ))}
      </ol>
      {request.abilities.message ? (
        <form onSubmit={send}>
          <label id={labelId} htmlFor={`${labelId}-input`} className="form-label">
            {t('requests.thread.write')}
          </label>
          <Input.TextArea id={`${labelId}-input`} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} /> : null}
          <Button type="primary" htmlType="submit" loading={isBusy} disabled={!text.trim()} style={{ marginTop: 8 }}>
            {t('requests.thread.send')}
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

function Files({ request, onChange }: { request: CitizenRequest; onChange?(next: CitizenRequest): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  async function add(file: File) {
    setBusy(true);
    setError(null);
    try {
      await uploadToRequest(request.id, file);
      onChange?.(await fetchMyRequest(request.id));
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={<h3 className="card-heading">{t('requests.files.title')}</h3>}>
      <ul className="request-files">
        {request.attachments!.map((a) => (
          <li key={a.id}>
            <a href={attachmentUrl(a.id)} target="_blank" rel="noreferrer">
              <PaperClipOutlined aria-hidden /> {a.fileName}
            </a>
          </li>
        ))}
      </ul>
      {request.abilities.upload ? (
        <>
          <p className="hint">{t('requests.files.hint')}</p>
          <Upload accept="image/jpeg,image/png,application/pdf" showUploadList={false} beforeUpload={(file) => (void add(file), false)}>
            <Button loading={isBusy}>{t('requests.files.add')}</Button>
          </Upload>
        </>
      ) : null}
      {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} /> : null}
    </Card>
  );
}

function RatingForm({ request, onChange }: { request: CitizenRequest; onChange?(next: CitizenRequest): void }) {
  const { t } = useTranslation();
  const [scores, setScores] = useState<Partial<Record<(typeof AXES)[number], number>>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const baseId = useId();
  const isComplete = AXES.every((axis) => scores[axis]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isComplete) return;
    setBusy(true);
    setError(null);
    try {
      onChange?.(await rateRequest(request.id, { attitude: scores.attitude!, speed: scores.speed!, policy: scores.policy!, expertise: scores.expertise!, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={<h3 className="card-heading">{t('requests.rating.invite')}</h3>}>
      <form onSubmit={submit}>
        <p className="hint">{t('requests.rating.scale')}</p>
        {AXES.map((axis) => (
          <div key={axis} className="rating-axis" role="group" aria-labelledby={`${baseId}-${axis}`}>
            <div id={`${baseId}-${axis}`} className="form-label">
              {t(`requests.rating.${axis}`)}
            </div>
            <Radio.Group value={scores[axis]} onChange={(e) => setScores((s) => ({ ...s, [axis]: e.target.value as number }))} optionType="button" buttonStyle="solid">
              {[1, 2, 3, 4, 5].map((score) => (
                <Radio.Button key={score} value={score} aria-label={t('requests.rating.score', { axis: t(`requests.rating.${axis}`), score })}>
                  {score}
                </Radio.Button>
              ))}
            </Radio.Group>
          </div>
        ))}
        <label htmlFor={`${baseId}-comment`} className="form-label">
          {t('requests.rating.comment')}
        </label>
        <Input.TextArea id={`${baseId}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} autoSize={{ minRows: 2 }} />
        {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} /> : null}
        <Button type="primary" htmlType="submit" loading={isBusy} disabled={!isComplete} style={{ marginTop: 8 }}>
          {t('requests.rating.submit')}
        </Button>
      </form>
    </Card>
  );
}

function ReopenForm({ request, onChange }: { request: CitizenRequest; onChange?(next: CitizenRequest): void }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onChange?.(await reopenRequest(request.id, reason.trim()));
      setOpen(false);
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }
  if (!isOpen) {
    return (
      <p>
        <Button onClick={() => setOpen(true)}>{t('requests.reopen.open')}</Button>
      </p>
    );
  }
  return (
    <Card title={<h3 className="card-heading">{t('requests.reopen.title')}</h3>}>
      <form onSubmit={submit}>
        <label htmlFor={id} className="form-label">
          {t('requests.reopen.reason')}
        </label>
        <Input.TextArea id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoSize={{ minRows: 2 }} />
        {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} /> : null}
        <Button type="primary" htmlType="submit" loading={isBusy} disabled={!reason.trim()} style={{ marginTop: 8 }}>
          {t('requests.reopen.submit')}
        </Button>
      </form>
    </Card>
  );
}
