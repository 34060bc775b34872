import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../../modules/directory/directory.css';

/**
 * The directory pages inside the portal layout (PortalLayout: header, elder mode, language,
 * <main>, footer): a column of readable width.
 */
export function DirectoryFrame({ children }: { children: ReactNode }) {
  return <div style={{ maxWidth: 1000, margin: '0 auto', minWidth: 0 }}>{children}</div>;
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
