import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert, App, Button, Empty, Input } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { useAnswerBox } from './answer-box';

type Message = { id: string; from: 'citizen' | 'staff'; authorName: string | null; body: string; at: string };

/**
 * The thread with the applicant of a portal request (与申请人沟通): what they
 * wrote and what staff answered; an answer is texted to them. The applicant
 * sees "staff", never the name shown here. `onPosted` refreshes the timeline.
 */
export function TicketMessages({ ticketId, onPosted }: { ticketId: string; onPosted?(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [thread, setThread] = useState<{ items: Message[]; canWrite: boolean } | null>(null);
  const [text, setText] = useState('');
  const [isBusy, setBusy] = useState(false);
  const inputId = useId();
  const areaRef = useRef<TextAreaRef>(null);
  // The suggestions panel beside the ticket inserts citations here, and a machine draft to review.
  const answerBox = useAnswerBox(areaRef, text, setText, Boolean(thread?.canWrite));

  useEffect(() => {
    let isCurrent = true;
    api.get<{ items: Message[]; canWrite: boolean }>(`/tickets/${encodeURIComponent(ticketId)}/messages`).then(
      (found) => isCurrent && setThread(found),
      () => isCurrent && setThread({ items: [], canWrite: false }),
    );
    return () => {
      isCurrent = false;
    };
  }, [ticketId]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim() || !thread) return;
    setBusy(true);
    try {
      const posted = await api.post<Message>(`/tickets/${encodeURIComponent(ticketId)}/messages`, { body: text.trim() });
      setThread({ ...thread, items: [...thread.items, posted] });
      setText('');
      answerBox.clearDraft();
      message.success(t('tickets.messages.sent'));
      onPosted?.();
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  if (!thread) return null;
  return (
    <div className="ticket-messages">
      {thread.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.messages.empty')} /> : null}
      <ol className="request-thread" aria-live="polite">
        {thread.items.map((m) => (
          <li key={m.id} className={`request-message request-message-${m.from === 'staff' ? 'citizen' : 'staff'}`}>
            <div className="request-message-meta">
              {m.from === 'citizen' ? t('tickets.messages.applicant') : m.authorName ?? t('tickets.messages.staff')} · {formatDateTime(m.at)}
            </div>
            <div className="request-message-body">{m.body}</div>
          </li>
        ))}
      </ol>
      {thread.canWrite ? (
        <form onSubmit={send}>
          <label htmlFor={inputId} className="form-label">
            {t('tickets.messages.write')}
          </label>
          {answerBox.isDraft ? <Alert type="warning" showIcon message={t('assistant.panel.machineDraft')} description={t('assistant.panel.drafted')} style={{ marginBottom: 8 }} /> : null}
          <Input.TextArea
            id={inputId}
            ref={areaRef}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onFocus={answerBox.onFocus}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
          <Button type="primary" htmlType="submit" loading={isBusy} disabled={!text.trim()} style={{ marginTop: 8 }}>
            {t('tickets.messages.send')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
