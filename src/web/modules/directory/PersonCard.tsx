import './directory.css';
import { Tag, Typography } from 'antd';
import { EnvironmentOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PublicPerson } from './api';

/**
 * A person as the public sees them: the portal's page and the workbench's preview both
 * render this, from the server's public presentation, so the preview cannot differ.
 */
export function PersonFacts({ person, headingLevel = 2 }: { person: PublicPerson; headingLevel?: 1 | 2 | 3 }) {
  const { t } = useTranslation();
  const hasContact = Boolean(person.officePhone || person.email || person.venue);
  return (
    <div className="directory-person">
      <Typography.Title level={headingLevel} style={{ marginTop: 0, fontSize: headingLevel === 1 ? '1.6em' : '1.3em' }}>
        {person.displayName}
      </Typography.Title>
      <p style={{ margin: '0 0 12px' }}>
        <Tag color="blue">{t(`directory.roles.${person.role}`)}</Tag> {person.region.name}
      </p>
      <dl className="directory-facts">
        {person.specialities.length > 0 && (
          <>
            <dt>{t('directory.fields.specialities')}</dt>
            <dd>{person.specialities.map((s) => t(`directory.specialities.${s}`)).join('、')}</dd>
          </>
        )}
        {person.languages.length > 0 && (
          <>
            <dt>{t('directory.fields.languages')}</dt>
            <dd>{person.languages.map((l) => t(`directory.languages.${l}`)).join('、')}</dd>
          </>
        )}
        {person.officePhone && (
          <>
            <dt>{t('directory.fields.phone')}</dt>
            <dd>
              <PhoneOutlined aria-hidden /> <a href={`tel:${person.officePhone}`}>{person.officePhone}</a>
            </dd>
          </>
        )}
        {person.email && (
          <>
            <dt>{t('directory.fields.email')}</dt>
            <dd>
              <MailOutlined aria-hidden /> <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
          </>
        )}
        {person.venue && (
          <>
            <dt>{t('directory.fields.venue')}</dt>
            <dd>
              <EnvironmentOutlined aria-hidden /> {person.venue.name}
              {person.venue.address && <div>{person.venue.address}</div>}
              {person.venue.phone && (
                <div>
                  <a href={`tel:${person.venue.phone}`}>{person.venue.phone}</a>
                </div>
              )}
            </dd>
          </>
        )}
      </dl>
      {person.introduction && (
        <>
          <Typography.Title level={(headingLevel + 1) as 2 | 3 | 4} style={{ fontSize: '1.1em' }}>
            {t('directory.fields.introduction')}
          </Typography.Title>
          <p style={{ whiteSpace: 'pre-wrap' }}>{person.introduction}</p>
        </>
      )}
      {!hasContact && <p className="directory-note">{t('directory.noContact')}</p>}
    </div>
  );
}
