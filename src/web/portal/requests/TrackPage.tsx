import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import './requests.css';
import { requestCode } from '../api';
import { portalErrorMessage } from '../portal-errors';
import { trackRequest, type CitizenRequest } from './api';
import { RequestView } from './RequestView';

const PHONE = /^1[3-9]\d{9}$/;

/**
 * 进度查询 without an account: the number on the receipt or SMS, the phone
 * given with the request, and a code sent to that phone. Read only.
 */
export default function TrackPage() {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [found, setFound] = useState<CitizenRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const id = useId();

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    const trimmed = phone.replace(/\s/g, '');
    if (!number.trim() || !PHONE.test(trimmed)) {
      setError(t('requests.track.fillIn'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sent = await requestCode(trimmed, 'tracking');
      setPhone(trimmed);
      setSentTo(sent.sentTo);
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function track(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setFound(await trackRequest(number.trim(), phone, code.trim()));
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  if (found) {
    return (
      <div className="portal-page">
        <RequestView request={found} />
        <p>
          <Button onClick={() => (setFound(null), setSentTo(null), setCode(''))}>{t('requests.track.again')}</Button>
        </p>
      </div>
    );
  }
  return (
    <Card className="portal-page">
      <Typography.Title level={1}>{t('requests.track.title')}</Typography.Title>
      <p className="hint">{t('requests.track.intro')}</p>
      {sentTo === null ? (
        <form onSubmit={sendCode} noValidate>
          <div className="form-row">
            <label htmlFor={`${id}-number`} className="form-label">
              {t('requests.track.number')}
            </label>
            <Input id={`${id}-number`} value={number} onChange={(e) => setNumber(e.target.value)} maxLength={40} autoComplete="off" />
          </div>
          <div className="form-row">
            <label htmlFor={`${id}-phone`} className="form-label">
              {t('requests.track.phone')}
            </label>
            <Input id={`${id}-phone`} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={13} autoComplete="tel" />
          </div>
          {error ? <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={isBusy} block size="large">
            {t('requests.track.sendCode')}
          </Button>
        </form>
      ) : (
        <form onSubmit={track} noValidate>
          <p role="status">{t('requests.track.codeSent', { phone: sentTo })}</p>
          <div className="form-row">
            <label htmlFor={`${id}-code`} className="form-label">
              {t('requests.track.code')}
            </label>
            <Input id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </div>
          {error ? <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={isBusy} disabled={!/^\d{6}$/.test(code.trim())} block size="large">
            {t('requests.track.submit')}
          </Button>
        </form>
      )}
    </Card>
  );
}
