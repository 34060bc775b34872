import AuditOutlined from '@ant-design/icons-svg/es/asn/AuditOutlined';
import BankOutlined from '@ant-design/icons-svg/es/asn/BankOutlined';
import BookOutlined from '@ant-design/icons-svg/es/asn/BookOutlined';
import CommentOutlined from '@ant-design/icons-svg/es/asn/CommentOutlined';
import ExperimentOutlined from '@ant-design/icons-svg/es/asn/ExperimentOutlined';
import FileProtectOutlined from '@ant-design/icons-svg/es/asn/FileProtectOutlined';
import FileSearchOutlined from '@ant-design/icons-svg/es/asn/FileSearchOutlined';
import PhoneOutlined from '@ant-design/icons-svg/es/asn/PhoneOutlined';
import QuestionCircleOutlined from '@ant-design/icons-svg/es/asn/QuestionCircleOutlined';
import ProfileOutlined from '@ant-design/icons-svg/es/asn/ProfileOutlined';
import ReconciliationOutlined from '@ant-design/icons-svg/es/asn/ReconciliationOutlined';
import SafetyCertificateOutlined from '@ant-design/icons-svg/es/asn/SafetyCertificateOutlined';
import TeamOutlined from '@ant-design/icons-svg/es/asn/TeamOutlined';
import type { IconDefinition } from '@ant-design/icons-svg/es/types';
import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { SvgIcon } from './SvgIcon';
import { usePreferences } from '../app/preferences';

/**
 * Elder mode's home: the four things most asked for, as big buttons, and 12348 above them; then
 * the consultation assistant, for whoever would rather describe the problem than pick a form.
 */
const ELDER_ENTRIES: { to: string; label: string; icon: IconDefinition }[] = [
  { to: '/requests/new/consultation', label: 'portal.services.consultation', icon: CommentOutlined },
  { to: '/requests/new/legal_aid', label: 'portal.services.legal_aid', icon: SafetyCertificateOutlined },
  { to: '/requests/new/mediation', label: 'portal.services.mediation', icon: TeamOutlined },
  { to: '/track', label: 'requests.home.track', icon: FileSearchOutlined },
  { to: '/assistant', label: 'portal.services.assistant', icon: QuestionCircleOutlined },
];

/** Where each service entry leads: a request form, a guide, the directory, law search, the assistant. */
const GUIDE_LINKS: Record<string, string> = {
  consultation: '/requests/new/consultation',
  legal_aid: '/requests/new/legal_aid',
  mediation: '/requests/new/mediation',
  complaint: '/requests/new/complaint',
  notarization: '/guides/notarization',
  forensic_appraisal: '/guides/forensic_appraisal',
  arbitration: '/guides/arbitration',
  administrative_reconsideration: '/guides/administrative_reconsideration',
  service_guide: '/guides',
  find_provider: '/directory',
  law_search: '/laws',
  assistant: '/assistant',
};

/** The service entries of the portal. */
const SERVICES: { key: string; icon: IconDefinition }[] = [
  { key: 'consultation', icon: CommentOutlined },
  { key: 'assistant', icon: QuestionCircleOutlined },
  { key: 'legal_aid', icon: SafetyCertificateOutlined },
  { key: 'mediation', icon: TeamOutlined },
  { key: 'notarization', icon: FileProtectOutlined },
  { key: 'forensic_appraisal', icon: ExperimentOutlined },
  { key: 'arbitration', icon: BankOutlined },
  { key: 'administrative_reconsideration', icon: ReconciliationOutlined },
  { key: 'law_search', icon: FileSearchOutlined },
  { key: 'service_guide', icon: BookOutlined },
  { key: 'find_provider', icon: ProfileOutlined },
  { key: 'complaint', icon: AuditOutlined },
];

/**
 * The portal's home, inside PortalLayout (header with the hotline, elder mode, language and
 * sign-in; footer). Plain HTML and CSS (portal.css): the first page a citizen's phone paints
 * loads none of Ant Design (docs/architecture.md, "Delivery").
 */
export default function PortalHome() {
  const { t } = useTranslation();
  const { isElderMode } = usePreferences();
  const servicesHeadingId = useId();
  const [isShowingAll, setShowingAll] = useState(false);

  if (isElderMode && !isShowingAll) {
    return (
      <div className="portal-home portal-home-elder">
        <a className="portal-elder-call" href="tel:12348">
          <SvgIcon icon={PhoneOutlined} /> {t('portal.elderCall')}
        </a>
        <nav aria-label={t('portal.servicesTitle')}>
          <ul className="portal-elder-entries">
            {ELDER_ENTRIES.map((entry) => (
              <li key={entry.to}>
                <Link to={entry.to}>
                  <SvgIcon icon={entry.icon} /> {t(entry.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          <button type="button" className="portal-elder-more" onClick={() => setShowingAll(true)}>
            {t('portal.allServices')}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="portal-home">
      <section aria-label={t('portal.hotlineTitle')} className="portal-hero">
        <h1>{t('app.name')}</h1>
        <p className="portal-hero-tagline">{t('portal.tagline')}</p>
        <p className="portal-hero-hotline">
          <SvgIcon icon={PhoneOutlined} /> {t('portal.hotlineLabel')}{' '}
          <a href="tel:12348">12348</a>
        </p>
      </section>
      <nav aria-label={t('requests.mine.title')} className="portal-quick-links">
        <Link to="/requests">{t('requests.home.myRequests')}</Link>
        <Link to="/track">{t('requests.home.track')}</Link>
        <Link to="/legal-aid/check">{t('requests.home.legalAidCheck')}</Link>
        <Link to="/appointments">{t('requests.home.appointments')}</Link>
        <Link to="/preregistrations">{t('preregistration.mine')}</Link>
        <Link to="/requests/new/home_visit">{t('requests.kinds.home_visit')}</Link>
        <Link to="/requests/new/suggestion">{t('requests.kinds.suggestion')}</Link>
      </nav>
      <section aria-labelledby={servicesHeadingId}>
        <h2 id={servicesHeadingId} className="portal-home-heading">
          {t('portal.servicesTitle')}
        </h2>
        <ul className="portal-services">
          {SERVICES.map((service) => (
            <li key={service.key} className="portal-service-card">
              <h3>
                <span className="portal-service-icon">
                  <SvgIcon icon={service.icon} />
                </span>
                {GUIDE_LINKS[service.key] ? (
                  <Link to={GUIDE_LINKS[service.key]}>{t(`portal.services.${service.key}`)}</Link>
                ) : (
                  t(`portal.services.${service.key}`)
                )}
              </h3>
              <p className="portal-service-hint">{t(`portal.serviceHints.${service.key}`)}</p>
              {!GUIDE_LINKS[service.key] && <span className="portal-tag">{t('portal.comingSoon')}</span>}
            </li>
          ))}
        </ul>
      </section>
      <p className="portal-news-link">
        <Link to="/news">{t('content.newsTitle')} →</Link>
      </p>
    </div>
  );
}
