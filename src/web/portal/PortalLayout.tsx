import { useId } from 'react';
import PhoneOutlined from '@ant-design/icons-svg/es/asn/PhoneOutlined';
import UserOutlined from '@ant-design/icons-svg/es/asn/UserOutlined';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../app/preferences';
import { CitizenSessionProvider, useCitizen } from './citizen-session';
import { PortalLanguageSwitch } from './PortalLanguageSwitch';
import { SvgIcon } from './SvgIcon';
import './portal.css';

/**
 * The frame of every citizen page: the platform's name, the 12348 hotline one
 * tap away, elder mode, the language, and 登录 / 我的; the page below; the footer.
 * Plain HTML and CSS (portal.css), like the home: a phone on a weak network paints
 * them without waiting for Ant Design, which the other pages bring (app/AntdScope.tsx).
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
    <div className="portal">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="app-header portal-header">
        <Link to="/" className="app-brand">
          {t('app.name')}
        </Link>
        <span className="app-header-spacer" />
        <a href="tel:12348" className="portal-hotline" aria-label={t('citizen.layout.callHotline')}>
          <SvgIcon icon={PhoneOutlined} /> 12348
        </a>
        <span className="portal-elder">
          <button
            type="button"
            role="switch"
            className="portal-switch"
            aria-checked={isElderMode}
            aria-labelledby={elderLabelId}
            onClick={() => setElderMode(!isElderMode)}
          >
            <span className="portal-switch-handle" />
          </button>
          <span id={elderLabelId} onClick={() => setElderMode(!isElderMode)}>
            {t('portal.elderMode')}
          </span>
        </span>
        <PortalLanguageSwitch />
        {state.status === 'signedIn' ? (
          <Link to="/me" className="portal-account">
            <SvgIcon icon={UserOutlined} /> {t('citizen.layout.me')}
          </Link>
        ) : (
          <Link to="/sign-in" className="portal-account">
            <SvgIcon icon={UserOutlined} /> {t('citizen.layout.signIn')}
          </Link>
        )}
      </header>
      <main id="main" tabIndex={-1} className="portal-content">
        <Outlet />
      </main>
      <footer className="portal-footer">
        <p>{t('portal.footer')}</p>
        <p>
          {t('citizen.layout.hotlineHint')} 12348 · <Link to="/verify">{t('portal.verifyLink')}</Link> · <Link to="/login">{t('portal.staffLogin')}</Link>
        </p>
      </footer>
    </div>
  );
}
