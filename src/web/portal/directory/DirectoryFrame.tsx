import { useId, type ReactNode } from 'react';
import { Layout, Switch } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePreferences } from '../../app/preferences';
import '../../modules/directory/directory.css';

const { Header, Content, Footer } = Layout;

/**
 * The directory pages' frame: the portal's header (home, elder mode, language) and one
 * <main>. When the portal layout (issue 8, branch citizens) wraps these routes, this header
 * gives way to it: pass `isBare`.
 */
export function DirectoryFrame({ children, isBare = false }: { children: ReactNode; isBare?: boolean }) {
  const { t } = useTranslation();
  const { isElderMode, setElderMode } = usePreferences();
  const elderLabelId = useId();
  const main = (
    <Content id="main" tabIndex={-1} style={{ padding: 16, maxWidth: 1000, margin: '0 auto', width: '100%' }}>
      {children}
    </Content>
  );
  if (isBare) return main;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Header className="app-header" style={{ height: 'auto', minHeight: 64, flexWrap: 'wrap' }}>
        {/* The name may wrap: in Tibetan it is wider than a phone. */}
        <Link to="/" className="app-brand" style={{ whiteSpace: 'normal', minWidth: 0 }}>
          {t('app.name')}
        </Link>
        <span className="app-header-spacer" />
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <Switch checked={isElderMode} onChange={setElderMode} aria-labelledby={elderLabelId} />
          <span id={elderLabelId} onClick={() => setElderMode(!isElderMode)} style={{ cursor: 'pointer' }}>
            {t('portal.elderMode')}
          </span>
        </span>
        <LanguageSwitch isOnDark />
      </Header>
      {main}
      <Footer style={{ textAlign: 'center' }}>
        <p style={{ margin: 0 }}>{t('portal.footer')}</p>
      </Footer>
    </Layout>
  );
}

/** The contact card: its QR code (an image of the vCard) and a link to the vCard itself. */
export function ContactCardBlock({ url, svgUrl, name }: { url: string; svgUrl: string; name: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 16 }}>
      <h2 id={headingId} style={{ fontSize: '1.2em' }}>
        {t('directory.card.title')}
      </h2>
      <img className="directory-qr" src={svgUrl} alt={t('directory.card.qrAlt', { name })} width={200} height={200} />
      <p className="directory-note">{t('directory.card.scanHint')}</p>
      <a href={url} download>
        {t('directory.card.download')}
      </a>
    </section>
  );
}
