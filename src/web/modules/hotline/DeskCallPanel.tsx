import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { DISPUTE_CATEGORIES, SERVICE_TYPES } from '../tickets/api';
import { categoryName, StatusTag } from '../tickets/components';
import { DeskLawSuggestions, type PickedCitation } from './DeskLawSuggestions';
import {
  addCallNote,
  getCallHistory,
  getDeskCall,
  listTransferTargets,
  newAttemptKey,
  requestTransfer,
  resolveConsultation,
  takeTicketFromCall,
  type CallHistory,
  type DeskCall,
  type LawyerSeat,
  type LiveCall,
} from './desk-api';

export type DeskForm = 'ticket' | 'consultation' | 'transfer' | 'note';

/** The keys of the desk's actions on a call, shown on screen; pressed outside a text field. */
export const ACTION_KEYS: Record<string, DeskForm> = { n: 'ticket', c: 'consultation', t: 'transfer', m: 'note' };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.getAttribute('role') === 'combobox');

export const PHASE_COLORS: Record<string, string> = { incoming: 'gold', ringing: 'red', answered: 'green', transferred: 'blue', ended: 'default' };

/**
 * One call on the desk: the masked number, the caller's earlier calls and tickets (the history
 * route), and the actions the server allows on it (`abilities`): a new ticket, a consultation
 * resolved on the spot with cited articles, a transfer to a lawyer's seat, notes.
 */
export function DeskCallPanel({ call, isActive }: { call: LiveCall; isActive: boolean }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState<CallHistory>();
  const [historyError, setHistoryError] = useState<unknown>();
  const [desk, setDesk] = useState<DeskCall>();
  const [deskError, setDeskError] = useState<unknown>();
  const [form, setForm] = useState<DeskForm | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const reloadDesk = useCallback(() => {
    getDeskCall(call.id).then(
      (d) => {
        setDesk(d);
        setDeskError(undefined);
      },
      setDeskError,
    );
  }, [call.id]);

  useEffect(() => {
    getCallHistory(call.id).then(
      (h) => {
        setHistory(h);
        setHistoryError(undefined);
      },
      setHistoryError,
    );
  }, [call.id]);
  useEffect(reloadDesk, [reloadDesk, call.phase]);

  const can = (what: DeskForm) => {
    if (!desk) return false;
    if (what === 'ticket' || what === 'consultation') return desk.abilities.takeIn;
    if (what === 'transfer') return desk.abilities.transfer && call.phase !== 'ended';
    return desk.abilities.note;
  };

  // N, C, T, M open the forms of the active call; Escape closes the open one.
  useEffect(() => {
    if (!isActive) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape' && form) {
        setForm(null);
        return;
      }
      if (isTyping(event.target)) return;
      const wanted = ACTION_KEYS[event.key.toLowerCase()];
      if (wanted && can(wanted)) {
        event.preventDefault();
        setForm(wanted);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const masked = call.callerMasked ?? history?.caller.masked ?? t('hotline.desk.unknownCaller');
  const onDone = () => {
    setForm(null);
    reloadDesk();
    heading.current?.focus();
  };

  return (
    <Card
      className="hotline-desk-call"
      role="region"
      aria-labelledby={`call-${call.id}-title`}
      title={
        <h2 id={`call-${call.id}-title`} ref={heading} tabIndex={-1} style={{ margin: 0, fontSize: 18, whiteSpace: 'normal' }}>
          <span data-testid="desk-caller">{masked}</span>{' '}
          <Tag color={PHASE_COLORS[call.phase]} data-testid="desk-phase">
            {t(`hotline.desk.phases.${call.phase}`)}
          </Tag>
        </h2>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label={t('hotline.desk.seat')}>{call.seat ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('hotline.desk.arrivedAt')}>{formatDateTime(call.arrivedAt)}</Descriptions.Item>
        {call.answeredAt && <Descriptions.Item label={t('hotline.desk.answeredAt')}>{formatDateTime(call.answeredAt)}</Descriptions.Item>}
        {call.endedAt && <Descriptions.Item label={t('hotline.desk.endedAt')}>{formatDateTime(call.endedAt)}</Descriptions.Item>}
        {call.transferTarget && <Descriptions.Item label={t('hotline.desk.transferredTo')}>{call.transferTarget}</Descriptions.Item>}
      </Descriptions>

      <div className="hotline-desk-history">
        <section aria-labelledby={`call-${call.id}-tickets`}>
          <Typography.Title level={3} id={`call-${call.id}-tickets`} style={{ fontSize: 16 }}>
            {t('hotline.desk.history.tickets')}
          </Typography.Title>
          {historyError !== undefined ? (
            <Alert type="error" showIcon message={errorMessage(t, historyError)} />
          ) : (
            <List
              size="small"
              loading={!history}
              dataSource={history?.tickets ?? []}
              locale={{ emptyText: t('hotline.desk.history.noTickets') }}
              renderItem={(ticket) => (
                <List.Item key={ticket.id}>
                  <Space wrap size={4}>
                    <Link to={`/workbench/tickets/${ticket.id}`}>{ticket.number}</Link>
                    <StatusTag status={ticket.status} />
                    <span>{t(`services.${ticket.serviceType}`, { defaultValue: ticket.serviceType })}</span>
                    <span>{categoryName(t, ticket.category)}</span>
                    <span>{formatDateTime(ticket.createdAt)}</span>
                  </Space>
                  {(ticket.title ?? ticket.summary) && <div className="hotline-desk-muted">{ticket.title ?? ticket.summary}</div>}
                </List.Item>
              )}
            />
          )}
        </section>
        <section aria-labelledby={`call-${call.id}-calls`}>
          <Typography.Title level={3} id={`call-${call.id}-calls`} style={{ fontSize: 16 }}>
            {t('hotline.desk.history.calls')}
          </Typography.Title>
          {historyError === undefined && (
            <List
              size="small"
              loading={!history}
              dataSource={history?.calls ?? []}
              locale={{ emptyText: t('hotline.desk.history.noCalls') }}
              renderItem={(earlier) => (
                <List.Item key={earlier.id}>
                  <Space wrap size={4}>
                    <span>{formatDateTime(earlier.arrivedAt)}</span>
                    <Tag>{earlier.outcome ? t(`hotline.desk.outcomes.${earlier.outcome}`, { defaultValue: earlier.outcome }) : t('hotline.desk.outcomes.none')}</Tag>
                    {earlier.seat && <span>{t('hotline.desk.seatNo', { seat: earlier.seat })}</span>}
                    {earlier.talkSeconds !== null && <span>{t('hotline.desk.talkSeconds', { seconds: earlier.talkSeconds })}</span>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </section>
      </div>

      {deskError !== undefined && <Alert type="error" showIcon message={errorMessage(t, deskError)} />}
      <Space wrap style={{ margin: '12px 0' }} aria-label={t('hotline.desk.actionsLabel')} role="group">
        {(['ticket', 'consultation', 'transfer', 'note'] as const).map((what) => {
          const key = Object.entries(ACTION_KEYS).find(([, f]) => f === what)![0].toUpperCase();
          return (
            <Button key={what} type={form === what ? 'primary' : 'default'} disabled={!can(what)} aria-keyshortcuts={key} aria-expanded={form === what} onClick={() => setForm(form === what ? null : what)}>
              {t(`hotline.desk.actions.${what}`)} <kbd className="hotline-desk-kbd">{key}</kbd>
            </Button>
          );
        })}
      </Space>

      {form === 'ticket' && <TicketFromCallForm callId={call.id} onDone={onDone} onCancel={() => setForm(null)} />}
      {form === 'consultation' && <ConsultationForm callId={call.id} onDone={onDone} onCancel={() => setForm(null)} />}
      {form === 'transfer' && <TransferForm callId={call.id} onDone={onDone} onCancel={() => setForm(null)} />}
      {form === 'note' && <NoteForm callId={call.id} onDone={onDone} onCancel={() => setForm(null)} />}

      {desk && desk.tickets.length > 0 && (
        <section aria-labelledby={`call-${call.id}-made`}>
          <Typography.Title level={3} id={`call-${call.id}-made`} style={{ fontSize: 16 }}>
            {t('hotline.desk.madeOnCall')}
          </Typography.Title>
          <List
            size="small"
            dataSource={desk.tickets}
            renderItem={(link) => (
              <List.Item key={link.ticket.id} data-testid="desk-made-ticket">
                <Space wrap size={4}>
                  <Tag>{t(`hotline.desk.kinds.${link.kind}`)}</Tag>
                  <Link to={`/workbench/tickets/${link.ticket.id}`}>{link.ticket.number}</Link>
                  <StatusTag status={link.ticket.status} />
                  {link.citations.map((c) => (
                    <Tag key={`${c.lawTitle}${c.articleNo}`}>{`《${c.lawTitle}》${c.articleNo}`}</Tag>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </section>
      )}
      {desk && desk.transfers.length > 0 && (
        <p>
          {desk.transfers.map((tr) => (
            <span key={tr.id}>{t('hotline.desk.transferAsked', { extension: tr.seat.extension, at: formatDateTime(tr.requestedAt) })} </span>
          ))}
        </p>
      )}
      {desk && desk.notes.length > 0 && (
        <section aria-labelledby={`call-${call.id}-notes`}>
          <Typography.Title level={3} id={`call-${call.id}-notes`} style={{ fontSize: 16 }}>
            {t('hotline.desk.notes.title')}
          </Typography.Title>
          <List
            size="small"
            dataSource={desk.notes}
            renderItem={(note) => (
              <List.Item key={note.id}>
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{note.text}</div>
                  <div className="hotline-desk-muted">
                    {note.author.displayName} · {formatDateTime(note.createdAt)}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </section>
      )}
    </Card>
  );
}

type FormProps = { callId: string; onDone: () => void; onCancel: () => void };

/** A form that sends once per attempt: the key stays for retries of the same attempt and changes after a success. */
function useAttempt() {
  const [key, setKey] = useState(newAttemptKey);
  return { key, renew: () => setKey(newAttemptKey()) };
}

function FormButtons({ isBusy, onCancel, submit }: { isBusy: boolean; onCancel: () => void; submit: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Button type="primary" htmlType="submit" loading={isBusy}>
        {submit}
      </Button>
      <Button onClick={onCancel}>{t('hotline.desk.cancel')}</Button>
    </Space>
  );
}

type TicketValues = { name: string; serviceType: string; category: string; description: string };

function TicketFromCallForm({ callId, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TicketValues>();
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const attempt = useAttempt();

  const submit = async (values: TicketValues) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const taken = await takeTicketFromCall(
        callId,
        { serviceType: values.serviceType as never, category: values.category as never, applicant: { name: values.name }, description: values.description },
        attempt.key,
      );
      attempt.renew();
      message.success(t('hotline.desk.ticket.created', { number: taken.ticket.number }));
      onDone();
    } catch (error) {
      const field = fieldErrorFor(t, error, ['applicant.name', 'serviceType', 'category', 'description']);
      if (field) form.setFields([{ name: (field.name[0] === 'applicant' ? 'name' : field.name[0]) as never, errors: field.errors }]);
      else setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: t('hotline.desk.ticket.defaultName'), serviceType: 'consultation' }} aria-label={t('hotline.desk.actions.ticket')}>
      <Typography.Paragraph className="hotline-desk-muted">{t('hotline.desk.ticket.phoneHint')}</Typography.Paragraph>
      <Form.Item name="name" label={t('tickets.applicantName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={50} autoFocus />
      </Form.Item>
      <Form.Item name="serviceType" label={t('tickets.serviceType')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} />
      </Form.Item>
      <Form.Item name="category" label={t('tickets.category')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select showSearch optionFilterProp="label" options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
      </Form.Item>
      <Form.Item name="description" label={t('tickets.description')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {problem && <Alert type="error" showIcon message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <FormButtons isBusy={isBusy} onCancel={onCancel} submit={t('hotline.desk.ticket.submit')} />
    </Form>
  );
}

type ConsultationValues = { name: string; category: string; description: string; summary: string };

function ConsultationForm({ callId, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConsultationValues>();
  const question = Form.useWatch('description', form) ?? '';
  const [citations, setCitations] = useState<PickedCitation[]>([]);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const attempt = useAttempt();

  const cite = (c: PickedCitation) => setCitations((list) => (list.some((x) => x.lawTitle === c.lawTitle && x.articleNo === c.articleNo) ? list : [...list, c]));

  const submit = async (values: ConsultationValues) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const taken = await resolveConsultation(
        callId,
        { category: values.category as never, applicant: { name: values.name }, description: values.description, summary: values.summary, citations },
        attempt.key,
      );
      attempt.renew();
      message.success(t('hotline.desk.consultation.resolved', { number: taken.ticket.number }));
      onDone();
    } catch (error) {
      const field = fieldErrorFor(t, error, ['applicant.name', 'category', 'description', 'summary']);
      if (field) form.setFields([{ name: (field.name[0] === 'applicant' ? 'name' : field.name[0]) as never, errors: field.errors }]);
      else setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hotline-desk-consultation">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: t('hotline.desk.ticket.defaultName') }} aria-label={t('hotline.desk.actions.consultation')}>
        <Form.Item name="name" label={t('tickets.applicantName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="category" label={t('tickets.category')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select showSearch optionFilterProp="label" options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('hotline.desk.consultation.question')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="summary" label={t('hotline.desk.consultation.summary')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <div role="group" aria-labelledby="desk-citations-label" style={{ marginBottom: 12 }}>
          <div id="desk-citations-label">{t('hotline.desk.consultation.citations')}</div>
          {citations.length === 0 ? (
            <div className="hotline-desk-muted">{t('hotline.desk.consultation.noCitations')}</div>
          ) : (
            <ul aria-live="polite" data-testid="desk-citations" style={{ paddingInlineStart: 20, margin: '4px 0' }}>
              {citations.map((c, i) => (
                <li key={`${c.lawTitle}${c.articleNo}`}>
                  {`《${c.lawTitle}》${c.articleNo}`}{' '}
                  <Button type="link" size="small" onClick={() => setCitations(citations.filter((_, k) => k !== i))} aria-label={t('hotline.desk.consultation.removeCitation', { citation: `《${c.lawTitle}》${c.articleNo}` })}>
                    {t('hotline.desk.consultation.remove')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {problem && <Alert type="error" showIcon message={problem} role="alert" style={{ marginBottom: 12 }} />}
        <FormButtons isBusy={isBusy} onCancel={onCancel} submit={t('hotline.desk.consultation.submit')} />
      </Form>
      <DeskLawSuggestions question={question} onCite={cite} />
    </div>
  );
}

function TransferForm({ callId, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [targets, setTargets] = useState<LawyerSeat[]>();
  const [chosen, setChosen] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    listTransferTargets(callId).then((r) => setTargets(r.items), (e: unknown) => setProblem(errorMessage(t, e)));
  }, [callId, t]);

  const submit = async () => {
    if (!chosen) {
      setProblem(t('hotline.desk.transfer.choose'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await requestTransfer(callId, chosen);
      message.success(t('hotline.desk.transfer.asked'));
      onDone();
    } catch (error) {
      setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('hotline.desk.actions.transfer')}>
      <Typography.Paragraph className="hotline-desk-muted">{t('hotline.desk.transfer.hint')}</Typography.Paragraph>
      {targets && targets.length === 0 && <Alert type="info" showIcon message={t('hotline.desk.transfer.none')} style={{ marginBottom: 12 }} />}
      {targets && targets.length > 0 && (
        <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label={t('hotline.desk.transfer.seats')} style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}>
          {targets.map((seat) => (
            <Radio key={seat.id} value={seat.id}>
              {t('hotline.desk.transfer.seatLabel', { extension: seat.extension, name: seat.name, lawyer: seat.lawyer.displayName })}
            </Radio>
          ))}
        </Radio.Group>
      )}
      {problem && <Alert type="error" showIcon message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <FormButtons isBusy={isBusy} onCancel={onCancel} submit={t('hotline.desk.transfer.submit')} />
    </Form>
  );
}

function NoteForm({ callId, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [isBusy, setBusy] = useState(false);
  const attempt = useAttempt();

  const submit = async ({ text }: { text: string }) => {
    setBusy(true);
    try {
      await addCallNote(callId, text, attempt.key);
      attempt.renew();
      form.resetFields();
      onDone();
    } catch (error) {
      form.setFields([{ name: 'text', errors: [errorMessage(t, error)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label={t('hotline.desk.actions.note')}>
      <Form.Item name="text" label={t('hotline.desk.notes.text')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
      </Form.Item>
      <FormButtons isBusy={isBusy} onCancel={onCancel} submit={t('hotline.desk.notes.submit')} />
    </Form>
  );
}
