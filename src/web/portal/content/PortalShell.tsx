import type { ReactNode } from 'react';
import { Layout } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';

const { Header, Content, Footer } = Layout;

/**
 * The frame of the content pages (普法与公告, 办事指南): brand, language, the page, 12348.
 * A stand-in until these routes are nested under the portal layout (built in parallel);
 * then the lead replaces this with that layout's outlet.
 */
export function PortalShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Header className="app-header" style={{ height: 'auto', minHeight: 64, flexWrap: 'wrap' }}>
        <Link to="/" className="app-brand">
          {t('app.name')}
        </Link>
        <span className="app-header-spacer" />
        <LanguageSwitch isOnDark />
      </Header>
      <Content id="main" tabIndex={-1} style={{ padding: '16px', maxWidth: 960, margin: '0 auto', width: '100%', minWidth: 0 }}>
        {children}
      </Content>
      <Footer style={{ textAlign: 'center', padding: '16px' }}>
        <p style={{ margin: 0 }}>
          {t('content.hotlineHint')}{' '}
          <a href="tel:12348" style={{ fontWeight: 700 }}>
            12348
          </a>
        </p>
      </Footer>
    </Layout>
  );
}
