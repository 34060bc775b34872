import { useEffect, useId, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Input, Spin, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { requestCode, signInWithCode } from './api';
import { useCitizen } from './citizen-session';
import { portalErrorMessage } from './portal-errors';

const PHONE = /^1[3-9]\d{9}$/;
const CODE = /^\d{6}$/;

/** Only same-site paths may be a ?next=, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/me';
}

/**
 * 登录: a phone number, a code by SMS, done. The resend button counts down the
 * server's interval (one code a minute per phone); every refusal is said in the
 * reader's language (citizen.errors.*).
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { state, setProfile } = useCitizen();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [phoneProblem, setPhoneProblem] = useState<string | null>(null);
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const headingId = useId();
  const phoneId = useId();
  const codeId = useId();
  const next = safeNext(params.get('next'));

  // The resend countdown: a display of the server's limit, which refuses earlier asks anyway.
  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = window.setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [secondsLeft]);

  if (state.status === 'loading') return <Spin aria-label={t('citizen.common.loading')} />;
  if (state.status === 'signedIn' && !isBusy) return <Navigate to={next} replace />;

  async function sendCode(event?: FormEvent) {
    event?.preventDefault();
    const trimmed = phone.replace(/\s/g, '');
    if (!PHONE.test(trimmed)) {
      setPhoneProblem(t('citizen.signIn.phoneInvalid'));
      return;
    }
    setPhoneProblem(null);
    setError(null);
    setBusy(true);
    try {
      const sent = await requestCode(trimmed);
      setPhone(trimmed);
      setSentTo(sent.sentTo);
      setSecondsLeft(sent.resendAfterSeconds);
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function signIn(event: FormEvent) {
    event.preventDefault();
    if (!CODE.test(code.trim())) {
      setCodeProblem(t('citizen.signIn.codeInvalid'));
      return;
    }
    setCodeProblem(null);
    setError(null);
    setBusy(true);
    try {
      const { citizen } = await signInWithCode(phone, code.trim());
      setProfile(citizen);
      navigate(next, { replace: true });
    } catch (e) {
      setError(portalErrorMessage(t, e));
      setBusy(false);
    }
  }

  return (
    <div className="portal-narrow">
      <Card>
        <Typography.Title level={1} id={headingId} style={{ fontSize: '1.5em', marginTop: 0 }}>
          {t('citizen.signIn.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('citizen.signIn.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
        {sentTo === null ? (
          <form onSubmit={sendCode} aria-labelledby={headingId} noValidate>
            <div className="portal-field">
              <label htmlFor={phoneId}>{t('citizen.signIn.phone')}</label>
              <Input
                id={phoneId}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                inputMode="numeric"
                autoComplete="tel-national"
                maxLength={13}
                size="large"
                status={phoneProblem ? 'error' : undefined}
                aria-invalid={phoneProblem ? true : undefined}
                aria-describedby={phoneProblem ? `${phoneId}-problem` : undefined}
                autoFocus
              />
              {phoneProblem && (
                <div id={`${phoneId}-problem`} className="portal-field-problem" role="alert">
                  {phoneProblem}
                </div>
              )}
            </div>
            <Button type="primary" htmlType="submit" size="large" block loading={isBusy}>
              {t('citizen.signIn.sendCode')}
            </Button>
          </form>
        ) : (
          <form onSubmit={signIn} aria-labelledby={headingId} noValidate>
            <p role="status" aria-live="polite">
              {t('citizen.signIn.codeSent', { phone: sentTo })}
            </p>
            <div className="portal-field">
              <label htmlFor={codeId}>{t('citizen.signIn.code')}</label>
              <Input
                id={codeId}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                size="large"
                status={codeProblem ? 'error' : undefined}
                aria-invalid={codeProblem ? true : undefined}
                aria-describedby={codeProblem ? `${codeId}-problem` : undefined}
                autoFocus
              />
              {codeProblem && (
                <div id={`${codeId}-problem`} className="portal-field-problem" role="alert">
                  {codeProblem}
                </div>
              )}
            </div>
            <Button type="primary" htmlType="submit" size="large" block loading={isBusy}>
              {t('citizen.signIn.submit')}
            </Button>
            <div className="portal-actions">
              <Button onClick={() => void sendCode()} disabled={secondsLeft > 0 || isBusy}>
                {secondsLeft > 0 ? t('citizen.signIn.resendIn', { seconds: secondsLeft }) : t('citizen.signIn.resend')}
              </Button>
              <Button
                type="link"
                onClick={() => {
                  setSentTo(null);
                  setCode('');
                  setError(null);
                }}
              >
                {t('citizen.signIn.changePhone')}
              </Button>
            </div>
          </form>
        )}
        <p className="portal-field-hint" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('citizen.signIn.privacy')}
        </p>
      </Card>
    </div>
  );
}
