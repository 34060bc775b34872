import { Card, Col, Row, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CommentOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The service entries that are guidance (办事指南) lead to their guide; the others wait for
 * the citizens' request flows of the issue being built in parallel.
 */
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
};

/** The service entries of the portal; later issues turn each into a real flow. */
const SERVICES: { key: string; icon: ReactNode }[] = [
  { key: 'consultation', icon: <CommentOutlined /> },
  { key: 'legal_aid', icon: <SafetyCertificateOutlined /> },
  { key: 'mediation', icon: <TeamOutlined /> },
  { key: 'notarization', icon: <FileProtectOutlined /> },
  { key: 'forensic_appraisal', icon: <ExperimentOutlined /> },
  { key: 'arbitration', icon: <BankOutlined /> },
  { key: 'administrative_reconsideration', icon: <ReconciliationOutlined /> },
  { key: 'law_search', icon: <FileSearchOutlined /> },
  { key: 'service_guide', icon: <BookOutlined /> },
  { key: 'find_provider', icon: <ProfileOutlined /> },
  { key: 'complaint', icon: <AuditOutlined /> },
];

/** The portal's home, inside PortalLayout (header with the hotline, elder mode, language and sign-in; footer). */
export default function PortalHome() {
  const { t } = useTranslation();
  const servicesHeadingId = useId();

  return (
    <>
          <section
            aria-label={t('portal.hotlineTitle')}
            style={{
              background: 'linear-gradient(135deg, #1d4ed8, #1e3a8a)',
              color: '#fff',
              borderRadius: 12,
              padding: '32px 24px',
              marginBottom: 24,
            }}
          >
            <Typography.Title level={1} style={{ color: '#fff', marginTop: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Paragraph style={{ color: '#e0e7ff', fontSize: '1.1em' }}>
              {t('portal.tagline')}
            </Typography.Paragraph>
            <p style={{ fontSize: '1.6em', margin: 0 }}>
              <PhoneOutlined aria-hidden /> {t('portal.hotlineLabel')}{' '}
              <a href="tel:12348" style={{ color: '#fff', fontWeight: 700 }}>
                12348
              </a>
            </p>
          </section>
          <nav aria-label={t('requests.mine.title')} className="portal-quick-links">
            <Link to="/requests">{t('requests.home.myRequests')}</Link>
            <Link to="/track">{t('requests.home.track')}</Link>
            <Link to="/appointments">{t('requests.home.appointments')}</Link>
            <Link to="/requests/new/home_visit">{t('requests.kinds.home_visit')}</Link>
            <Link to="/requests/new/suggestion">{t('requests.kinds.suggestion')}</Link>
          </nav>
          <section aria-labelledby={servicesHeadingId}>
            <Typography.Title level={2} id={servicesHeadingId}>
              {t('portal.servicesTitle')}
            </Typography.Title>
            <Row gutter={[16, 16]} role="list">
              {SERVICES.map((service) => (
                <Col key={service.key} xs={24} sm={12} md={8} lg={6} role="listitem">
                  <Card style={{ height: '100%' }}>
                    <Typography.Title level={3} style={{ fontSize: '1.15em', marginTop: 0 }}>
                      <span aria-hidden style={{ color: '#1d4ed8', marginRight: 8 }}>
                        {service.icon}
                      </span>
                      {GUIDE_LINKS[service.key] ? (
                        <Link to={GUIDE_LINKS[service.key]}>{t(`portal.services.${service.key}`)}</Link>
                      ) : (
                        t(`portal.services.${service.key}`)
                      )}
                    </Typography.Title>
                    <Typography.Paragraph type="secondary" style={{ minHeight: '3em' }}>
                      {t(`portal.serviceHints.${service.key}`)}
                    </Typography.Paragraph>
                    {!GUIDE_LINKS[service.key] && <Tag color="default">{t('portal.comingSoon')}</Tag>}
                  </Card>
                </Col>
              ))}
            </Row>
          </section>
          <p style={{ marginTop: 24, fontSize: '1.1em' }}>
            <Link to="/news">{t('content.newsTitle')} →</Link>
          </p>
    </>
  );
}
