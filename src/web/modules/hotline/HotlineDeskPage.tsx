import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { ACTION_KEYS, DeskCallPanel, PHASE_COLORS } from './DeskCallPanel';
import { getOperatorState, setOperatorState, useDeskLive, type DeskSeat, type LiveCall, type LiveMessage, type OperatorState } from './desk-api';
import './hotline-desk.css';

const STATE_COLORS: Record<string, string> = { ready: 'green', busy: 'red', after_call_work: 'orange', break: 'default' };
/** Calls kept on the desk in one session: enough to go back to the last few. */
const KEPT_CALLS = 20;

/** mm:ss (h:mm:ss past an hour) since `since`, for the after-call work timer. */
function elapsed(since: string, now: number): string {
  const total = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The seconds ticking while `isRunning`. */
function useNow(isRunning: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isRunning) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isRunning]);
  return now;
}

/**
 * 热线坐席 (the operator desk): the live connection to the phone system's events, the
 * operator's state (ready / break; after-call work with its timer), and each call ringing at
 * the operator's seat shown at once with the caller's history and the actions on it. Several
 * calls are handled one after another; the earlier ones of the session stay listed.
 */
export default function HotlineDeskPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [seats, setSeats] = useState<DeskSeat[]>();
  const [state, setState] = useState<OperatorState>();
  const [calls, setCalls] = useState<LiveCall[]>([]);
  const [activeId, setActiveId] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const [stateError, setStateError] = useState<unknown>();
  const [isSettingState, setSettingState] = useState(false);

  useEffect(() => {
    getOperatorState().then((s) => setState((current) => current ?? s), setStateError);
  }, []);

  const onMessage = useCallback(
    (m: LiveMessage) => {
      if (m.type === 'hello') {
        setSeats(m.seats);
        setState(m.state);
      } else if (m.type === 'state') {
        setState(m.state);
      } else if (m.type === 'call') {
        const call = m.call;
        setCalls((list) => [call, ...list.filter((c) => c.id !== call.id)].slice(0, KEPT_CALLS));
        if (call.phase === 'ringing' || call.phase === 'incoming') {
          setActiveId(call.id);
          setAnnouncement(t('hotline.desk.ringingAnnouncement', { caller: call.callerMasked ?? t('hotline.desk.unknownCaller'), seat: call.seat ?? '' }));
        } else {
          setActiveId((current) => current ?? call.id);
          if (call.phase === 'ended') setAnnouncement(t('hotline.desk.endedAnnouncement', { caller: call.callerMasked ?? t('hotline.desk.unknownCaller') }));
        }
      }
    },
    [t],
  );
  const connection = useDeskLive(onMessage);

  const change = useCallback(
    async (next: 'ready' | 'break') => {
      setSettingState(true);
      try {
        setState(await setOperatorState(next));
        setStateError(undefined);
      } catch (error) {
        message.error(errorMessage(t, error));
      } finally {
        setSettingState(false);
      }
    },
    [message, t],
  );

  const isAfterCall = state?.state === 'after_call_work';
  const now = useNow(isAfterCall && Boolean(state?.since));

  // R: ready, from after-call work or a break (outside a text field).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.key.toLowerCase() !== 'r') return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (state && (state.state === 'after_call_work' || state.state === 'break') && !isSettingState) {
        event.preventDefault();
        void change('ready');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state, isSettingState, change]);

  const active = calls.find((c) => c.id === activeId);
  const connectionTag =
    connection.status === 'open' ? (
      <Badge status="success" text={t('hotline.desk.connection.open')} />
    ) : connection.status === 'connecting' ? (
      <Badge status="processing" text={t('hotline.desk.connection.connecting')} />
    ) : (
      <Badge status="error" text={t('hotline.desk.connection.reconnecting', { seconds: Math.round((connection.retryInMs ?? 0) / 1000), attempt: connection.attempt })} />
    );

  return (
    <div className="hotline-desk">
      <PageTitle extra={<span role="status" data-testid="desk-connection" data-status={connection.status}>{connectionTag}</span>}>{t('hotline.desk.title')}</PageTitle>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="desk-announcement">
        {announcement}
      </div>

      <Card size="small" className="hotline-desk-state" aria-labelledby="desk-state-title">
        <Space wrap align="center" size={[12, 8]}>
          <h2 id="desk-state-title" style={{ fontSize: 16, margin: 0 }}>
            {t('hotline.desk.state.title')}
          </h2>
          <Tag color={state ? STATE_COLORS[state.state] : 'default'} data-testid="desk-state" data-state={state?.state ?? ''}>
            {state ? t(`hotline.desk.state.${state.state}`) : '…'}
          </Tag>
          {state?.since && !isAfterCall && <span className="hotline-desk-muted">{t('hotline.desk.state.since', { at: formatDateTime(state.since) })}</span>}
          {isAfterCall && state?.since && (
            <span role="timer" aria-label={t('hotline.desk.state.afterCallTimer')} data-testid="desk-after-call-timer" className="hotline-desk-timer">
              {t('hotline.desk.state.afterCallFor', { elapsed: elapsed(state.since, now) })}
            </span>
          )}
          <Button type={state?.state === 'ready' ? 'default' : 'primary'} disabled={!state || state.state === 'ready' || state.state === 'busy'} loading={isSettingState} onClick={() => void change('ready')} aria-keyshortcuts="R">
            {t('hotline.desk.state.toReady')} <kbd className="hotline-desk-kbd">R</kbd>
          </Button>
          <Button disabled={!state || state.state === 'break' || state.state === 'busy'} onClick={() => void change('break')}>
            {t('hotline.desk.state.toBreak')}
          </Button>
        </Space>
        {seats && (
          <div className="hotline-desk-muted" style={{ marginTop: 8 }}>
            {seats.length === 0 ? t('hotline.desk.noSeat') : t('hotline.desk.yourSeats', { seats: seats.map((s) => `${s.extension}（${s.name}）`).join('、') })}
          </div>
        )}
        {stateError !== undefined && <Alert type="error" showIcon message={errorMessage(t, stateError)} style={{ marginTop: 8 }} />}
      </Card>

      <p className="hotline-desk-muted" id="desk-shortcuts">
        {t('hotline.desk.shortcuts', { keys: Object.keys(ACTION_KEYS).map((k) => k.toUpperCase()).join(' ') })}
      </p>

      {active ? (
        <DeskCallPanel key={active.id} call={active} isActive />
      ) : (
        <Card>
          <Typography.Paragraph style={{ margin: 0 }}>{t('hotline.desk.waiting')}</Typography.Paragraph>
        </Card>
      )}

      {calls.length > 1 && (
        <section aria-labelledby="desk-session-calls" style={{ marginTop: 16 }}>
          <Typography.Title level={2} id="desk-session-calls" style={{ fontSize: 16 }}>
            {t('hotline.desk.sessionCalls')}
          </Typography.Title>
          <List
            size="small"
            dataSource={calls}
            renderItem={(call) => (
              <List.Item key={call.id}>
                <Button type={call.id === activeId ? 'primary' : 'link'} onClick={() => setActiveId(call.id)} aria-current={call.id === activeId ? 'true' : undefined}>
                  {call.callerMasked ?? t('hotline.desk.unknownCaller')}
                </Button>
                <Space wrap size={4}>
                  <Tag color={PHASE_COLORS[call.phase]}>{t(`hotline.desk.phases.${call.phase}`)}</Tag>
                  <span>{formatDateTime(call.arrivedAt)}</span>
                </Space>
              </List.Item>
            )}
          />
        </section>
      )}
    </div>
  );
}
