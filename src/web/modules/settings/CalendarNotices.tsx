import { useEffect, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { getCalendarNotices, type CalendarNotice, type CalendarNotices } from './api';

/**
 * A year without its holiday arrangement counts weekends only, so working-day deadlines
 * across it fall too early. Said as a warning before the year starts and as an error once
 * it has; those who may load it get the way there.
 */
export function CalendarNoticeAlerts({ notices, canLoad, onLoad }: { notices: CalendarNotice[]; canLoad: boolean; onLoad?: (year: string) => void }) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {notices.map((notice) => (
        <Alert
          key={notice.year}
          type={notice.isStarted ? 'error' : 'warning'}
          showIcon
          // A standing notice, not an interruption: polite, and apart from the page's own alerts.
          role="status"
          message={t(notice.isStarted ? 'settings.notices.missingStarted' : 'settings.notices.missingUpcoming', { year: notice.year, startsOn: notice.startsOn })}
          description={canLoad ? undefined : t('settings.notices.askAdmin')}
          action={
            canLoad &&
            (onLoad ? (
              <Button size="small" type="primary" onClick={() => onLoad(notice.year)}>
                {t('settings.notices.load', { year: notice.year })}
              </Button>
            ) : (
              <Link to="/workbench/calendar">{t('settings.notices.load', { year: notice.year })}</Link>
            ))
          }
        />
      ))}
    </Space>
  );
}

/**
 * The workbench banner: shown to every staff member (everyone's deadlines depend on it)
 * until the year is loaded. Fetched again on each page change, so it goes once loaded.
 */
export function CalendarNoticeBanner() {
  const location = useLocation();
  const [data, setData] = useState<CalendarNotices>();

  useEffect(() => {
    let isCurrent = true;
    getCalendarNotices()
      .then((next) => isCurrent && setData(next))
      .catch(() => undefined); // a banner that cannot load stays away; the calendar page says more
    return () => {
      isCurrent = false;
    };
  }, [location.pathname]);

  // The calendar page shows its own, with the editor at hand.
  if (!data || location.pathname.startsWith('/workbench/calendar')) return null;
  return <CalendarNoticeAlerts notices={data.notices} canLoad={data.abilities.updateNational} />;
}
