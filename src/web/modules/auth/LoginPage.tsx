import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Layout, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { ApiError } from '../../app/api';
import { errorMessage } from '../../app/errors';
import { useSession } from '../../app/session';
import { login } from './api';

const { Header, Content } = Layout;

/** Only same-site workbench paths may be used as ?next=, never another origin. */
function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return '/workbench';
}

type LoginForm = { username: string; password: string };

/**
 * The server answers a wrong username, a wrong password and a disabled account
 * alike, so the page cannot say which; it says how long a pause lasts (429 carries
 * `retryAfter` seconds) and, after a refusal, that failures lead to a pause.
 */
function loginError(t: TFunction, error: unknown): { message: string; description?: string } {
  if (error instanceof ApiError && error.code === 'TOO_MANY_REQUESTS') {
    const seconds = Number(error.body.retryAfter);
    if (Number.isFinite(seconds) && seconds > 0) return { message: t('login.tooManyAttempts', { minutes: Math.ceil(seconds / 60) }) };
  }
  if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
    return { message: errorMessage(t, error), description: t('login.hint') };
  }
  return { message: errorMessage(t, error) };
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { state, setMe } = useSession();
  const [error, setError] = useState<unknown>();
  const [isSubmitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  if (state.status === 'signedIn' && !isSubmitting) return <Navigate to={next} replace />;

  async function onFinish(values: LoginForm) {
    setSubmitting(true);
    setError(undefined);
    try {
      const { account } = await login(values.username.trim(), values.password);
      setMe(account);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="app-header">
        <Link to="/" className="app-brand">
          {t('app.name')}
        </Link>
        <span className="app-header-spacer" />
        <LanguageSwitch isOnDark />
      </Header>
      <Content style={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '48px 16px' }}>
        <Card style={{ width: '100%', maxWidth: 420 }}>
          <Typography.Title level={1} style={{ fontSize: '1.5em', marginTop: 0 }}>
            {t('login.title')}
          </Typography.Title>
          {error !== undefined && (
            <Alert type="error" showIcon role="alert" {...loginError(t, error)} style={{ marginBottom: 16 }} />
          )}
          <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={isSubmitting}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            <Link to="/">{t('login.backToPortal')}</Link>
          </Typography.Paragraph>
        </Card>
      </Content>
    </Layout>
  );
}
