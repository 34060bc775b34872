import { useEffect, useRef, useState } from 'react';
import { api, request } from '../../app/api';
import type { Me } from '../auth/api';
// The shapes of the desk's actions come from the server's own module, so the page and the API cannot drift apart.
import type { CallConsultationInput, CallNoteView, CallTicketInput, CallTicketLinkView } from '../../../server/modules/hotline/hotline-desk-actions.types.ts';

export type { CallConsultationInput, CallNoteView, CallTicketInput, CallTicketLinkView };

/** The seat holders (hotline.policy.ts SEAT_HOLDER_ROLES): who sees the desk in the menu. */
export const sitsAtDesk = (me: Me) => me.roles.some((r) => r === 'operator' || r === 'lawyer');
/** Who takes tickets in from a call (the intake's rule); the server still decides per call (`abilities.takeIn`). */
export const takesCallsIn = (me: Me) => me.roles.includes('operator');

export type OperatorStateName = 'ready' | 'busy' | 'after_call_work' | 'break';
export type OperatorState = { state: OperatorStateName; since: string | null; callId: string | null };
export type DeskSeat = { sourceId: string; extension: string; name: string };
export type CallPhase = 'incoming' | 'ringing' | 'answered' | 'transferred' | 'ended';

/** A call as the live pushes give it (hotline desk live, docs/hotline-desk.md). */
export type LiveCall = {
  id: string;
  callId: string;
  sourceId: string;
  seat: string | null;
  operatorId: string | null;
  phase: CallPhase;
  outcome: string | null;
  callerMasked: string | null;
  arrivedAt: string | null;
  ringAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  transferTarget: string | null;
};

export type LiveMessage =
  | { type: 'hello'; operatorId: string; seats: DeskSeat[]; state: OperatorState }
  | { type: 'call'; call: LiveCall; eventType: string; receivedAt: string }
  | { type: 'state'; state: OperatorState }
  | { type: 'pong' };

export type EarlierCall = { id: string; callId: string; arrivedAt: string | null; outcome: string | null; seat: string | null; operatorId: string | null; waitSeconds: number | null; talkSeconds: number | null };
export type HistoryTicket = { id: string; number: string; status: string; serviceType: string; category: string; createdAt: string; title?: string; summary?: string };
export type CallHistory = { call: LiveCall; caller: { masked: string | null }; calls: EarlierCall[]; tickets: HistoryTicket[] };

export type DeskAbilities = { read: boolean; note: boolean; takeIn: boolean; transfer: boolean };
export type DeskCall = {
  id: string;
  callId: string;
  abilities: DeskAbilities;
  notes: CallNoteView[];
  tickets: CallTicketLinkView[];
  transfers: { id: string; seat: { id: string; extension: string }; requestedAt: string }[];
};
export type LawyerSeat = { id: string; extension: string; name: string; lawyer: { id: string; displayName: string } };
export type TakenIn = { ticket: { id: string; number: string; status: string }; isNew: boolean };

const callPath = (id: string, rest: string) => `/hotline/calls/${encodeURIComponent(id)}/${rest}`;

export const getCallHistory = (id: string) => api.get<CallHistory>(callPath(id, 'history'));
export const getDeskCall = (id: string) => api.get<DeskCall>(callPath(id, 'desk'));
export const addCallNote = (id: string, text: string, key: string) => api.post<CallNoteView>(callPath(id, 'notes'), { text }, { headers: { 'idempotency-key': key } });
export const takeTicketFromCall = (id: string, input: CallTicketInput, key: string) => api.post<TakenIn>(callPath(id, 'ticket'), input, { headers: { 'idempotency-key': key } });
export const resolveConsultation = (id: string, input: CallConsultationInput, key: string) =>
  api.post<TakenIn>(callPath(id, 'consultation'), input, { headers: { 'idempotency-key': key } });
export const listTransferTargets = (id: string) => api.get<{ items: LawyerSeat[] }>(callPath(id, 'transfer-targets'));
export const requestTransfer = (id: string, seatId: string) => api.post<{ id: string }>(callPath(id, 'transfer'), { seatId });
export const getOperatorState = () => api.get<OperatorState>('/hotline/operator-state');
export const setOperatorState = (state: 'ready' | 'break' | 'after_call_work') => request<OperatorState>('PUT', '/hotline/operator-state', { body: { state } });

/** A key for one attempt of a create: a retry of the same attempt sends it again. */
export const newAttemptKey = () => `desk-${crypto.randomUUID()}`;

export type Connection = { status: 'connecting' | 'open' | 'reconnecting'; attempt: number; retryInMs: number | null };

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const PING_MS = 25_000;

/**
 * The desk's live connection (GET /api/hotline/desk/live, the session cookie): every
 * message goes to `onMessage`; a dropped connection is opened again after 1, 2, 4 … 30 s
 * (reset once it is open), and a ping every 25 s keeps proxies from closing it.
 */
export function useDeskLive(onMessage: (message: LiveMessage) => void): Connection {
  const [connection, setConnection] = useState<Connection>({ status: 'connecting', attempt: 0, retryInMs: null });
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let attempt = 0;
    let isStopped = false;

    const open = () => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/hotline/desk/live`;
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempt = 0;
        setConnection({ status: 'open', attempt: 0, retryInMs: null });
        ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 'ping' })), PING_MS);
      };
      socket.onmessage = (event) => {
        try {
          handler.current(JSON.parse(String(event.data)) as LiveMessage);
        } catch {
          // A frame that is not JSON is not ours to show.
        }
      };
      socket.onclose = () => {
        clearInterval(ping);
        if (isStopped) return;
        const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
        attempt += 1;
        setConnection({ status: 'reconnecting', attempt, retryInMs: wait });
        retry = setTimeout(open, wait);
      };
    };
    open();
    return () => {
      isStopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close();
    };
  }, []);
  return connection;
}
