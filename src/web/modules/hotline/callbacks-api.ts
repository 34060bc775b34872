import { api, type Page, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The vocabulary and the shapes come from the server's own module, so the pages and the API cannot drift apart.
import { ATTEMPT_OUTCOMES, CALLBACK_KINDS, type AttemptOutcome, type CallbackKind } from '../../../server/modules/hotline/hotline-callbacks.rules.ts';
import type { CallbackAttemptInput, CallbackListQuery, CallbackView, QualityReviewListQuery, QualityReviewView } from '../../../server/modules/hotline/hotline-callbacks.types.ts';

export { ATTEMPT_OUTCOMES, CALLBACK_KINDS };
export type { AttemptOutcome, CallbackKind };
export type Callback = CallbackView;
export type QualityReview = QualityReviewView;
export type TicketIntake = NonNullable<CallbackAttemptInput['ticket']>;
export type SurveyAnswers = Record<string, string | number | boolean>;

const enc = encodeURIComponent;
/** A fresh id per user action: the server answers a retried request without doing it twice. */
export const newRequestId = () => crypto.randomUUID();

export const listCallbacks = (query: CallbackListQuery) => api.get<Page<Callback>>('/hotline/callbacks', query as Query);
export const claimCallback = (id: string) => api.post<Callback>(`/hotline/callbacks/${enc(id)}/claim`, {});
export const recordAttempt = (id: string, input: CallbackAttemptInput) => api.post<Callback>(`/hotline/callbacks/${enc(id)}/attempts`, input);
export const recordSurvey = (id: string, input: { requestId: string; answers: SurveyAnswers; note?: string }) =>
  api.post<{ callback: Callback; isRated: boolean }>(`/hotline/callbacks/${enc(id)}/survey`, input);

export const listQualityReviews = (query: QualityReviewListQuery) => api.get<Page<QualityReview>>('/hotline/quality/reviews', query as Query);
export const scoreQualityReview = (id: string, input: { requestId: string; scores: Record<string, number>; comment?: string }) =>
  api.post<QualityReview>(`/hotline/quality/reviews/${enc(id)}/score`, input);

/** The roles the callback list is for (hotline.policy.ts, callbackPolicy read): who sees the page in the menu. */
export const seesCallbacks = (me: Me) => me.roles.some((r) => ['operator', 'supervisor', 'leader', 'admin'].includes(r));
/** The roles the quality queue is for (qualityReviewPolicy read). */
export const seesQualityReviews = (me: Me) => me.roles.some((r) => ['supervisor', 'leader', 'admin'].includes(r));

export const KIND_COLORS: Record<CallbackKind, string> = { missed: 'volcano', voicemail: 'purple', abandoned: 'orange', follow_up: 'blue', negative_rating: 'red' };
