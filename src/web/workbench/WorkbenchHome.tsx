import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/session';
import { PageTitle } from './PageTitle';

export default function WorkbenchHome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageTitle>{t('workbench.welcome', { name: me.displayName })}</PageTitle>
      <Card>
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label={t('accounts.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('accounts.region')}>
            {me.region.name} <Tag>{t(`regionLevels.${me.region.level}`)}</Tag>
            <span style={{ color: '#666' }}>{me.region.code}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('accounts.roles')}>
            {me.roles.map((r) => (
              <Tag key={r} color="blue">
                {t(`roles.${r}`)}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
        <p style={{ marginTop: 16, marginBottom: 0 }}>{t('workbench.welcomeHint')}</p>
      </Card>
    </>
  );
}
