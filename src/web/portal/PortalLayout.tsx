import { useId } from 'react';
import { Layout, Switch } from 'antd';
import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { usePreferences } from '../app/preferences';
import { CitizenSessionProvider, useCitizen } from './citizen-session';
import './portal.css';

const { Header, Content, Footer } = Layout;

/**
 * The frame of every citizen page: the platform's name, the 12348 hotline one
 * tap away, elder mode, the language, and 登录 / 我的; the page below; the footer.
 */
export default function PortalLayout() {
  return (
    <CitizenSessionProvider>
      <PortalFrame />
    </CitizenSessionProvider>
  );
}

function PortalFrame() {
  const { t } = useTranslation();
  const { isElderMode, setElderMode } = usePreferences();
  const { state } = useCitizen();
  const elderLabelId = useId();

  return (
    <Layout className="portal" style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Header className="app-header portal-header" style={{ height: 'auto', minHeight: 64 }}>
        <Link to="/" className="app-brand">
          {t('app.name')}
        </Link>
        <span className="app-header-spacer" />
        <a href="tel:12348" className="portal-hotline" aria-label={t('citizen.layout.callHotline')}>
          <PhoneOutlined aria-hidden /> 12348
        </a>
        <span className="portal-elder">
          <Switch checked={isElderMode} onChange={setElderMode} aria-labelledby={elderLabelId} />
          <span id={elderLabelId} onClick={() => setElderMode(!isElderMode)}>
            {t('portal.elderMode')}
          </span>
        </span>
        <LanguageSwitch isOnDark />
        {state.status === 'signedIn' ? (
          <Link to="/me" className="portal-account">
            <UserOutlined aria-hidden /> {t('citizen.layout.me')}
          </Link>
        ) : (
          <Link to="/sign-in" className="portal-account">
            <UserOutlined aria-hidden /> {t('citizen.layout.signIn')}
          </Link>
        )}
      </Header>
      <Content id="main" tabIndex={-1} className="portal-content">
        <Outlet />
      </Content>
      <Footer className="portal-footer">
        <p>
          {t('portal.footer')}
        </p>
        <p>
          {t('citizen.layout.hotlineHint')} 12348 · <Link to="/login">{t('portal.staffLogin')}</Link>
        </p>
      </Footer>
    </Layout>
  );
}
