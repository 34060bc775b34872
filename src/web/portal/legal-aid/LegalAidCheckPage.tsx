import { useId, useState } from 'react';
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import '../requests/requests.css';
import { RegionCascade } from '../RegionCascade';
import { useCitizen } from '../citizen-session';
import { EligibilityCheck } from './EligibilityCheck';

/**
 * /legal-aid/check: 法律援助自查 for anyone, signed in or not — where they apply, the
 * matter, the groups and the household's income — then the way to apply.
 */
export default function LegalAidCheckPage() {
  const { t } = useTranslation();
  const { state } = useCitizen();
  const profileRegion = state.status === 'signedIn' ? (state.profile.region ?? null) : null;
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const regionLabelId = useId();
  const region = regionCode ?? profileRegion?.code ?? null;
  return (
    <Card className="portal-page">
      <Typography.Title level={1}>{t('legalAid.check.title')}</Typography.Title>
      <p>{t('legalAid.check.intro')}</p>
      <div className="form-row">
        <div id={regionLabelId} className="form-label">
          {t('legalAid.check.regionLabel')}
        </div>
        {profileRegion && regionCode === null ? <div className="hint">{t('requests.form.regionFromProfile', { region: profileRegion.name })}</div> : null}
        <RegionCascade labelledBy={regionLabelId} onChange={setRegionCode} />
      </div>
      <EligibilityCheck regionCode={region} />
      <p>
        <Link to="/requests/new/legal_aid">{t('legalAid.check.apply')} →</Link>
      </p>
    </Card>
  );
}
