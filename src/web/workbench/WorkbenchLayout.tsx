import { useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import {
  AlertOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FundOutlined,
  LineChartOutlined,
  MessageOutlined,
  SafetyOutlined,
  TrophyOutlined,
  SolutionOutlined,
  RadarChartOutlined,
  CarryOutOutlined,
  ScheduleOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  FileAddOutlined,
  FlagOutlined,
  HomeOutlined,
  IdcardOutlined,
  BankOutlined,
  BookOutlined,
  SwapOutlined,
  ContactsOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ReadOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  FileTextOutlined,
  FileDoneOutlined,
  CustomerServiceOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { useMe, useSession } from '../app/session';
import { ticketMenu } from '../modules/tickets/api';
import { seesAidCases } from '../modules/legal-aid/aid-cases-api';
import { keepsCommittees, seesMediation } from '../modules/mediation/mediation-api';
import { seesAidLawyerPool } from '../modules/legal-aid/aid-lawyers-api';
import { seesDefenceNotices } from '../modules/legal-aid/defence-api';
import { seesHotlineStatistics } from '../modules/hotline/statistics-api';
import { seesAssessment } from '../modules/assessment/api';
import { seesAnalytics } from '../modules/analytics/api';
import { sitsAtDesk } from '../modules/hotline/desk-api';
import { seesHotlineRoster } from '../modules/hotline/roster-api';
import { seesCallbacks, seesQualityReviews } from '../modules/hotline/callbacks-api';
import { seesEarlyWarnings } from '../modules/early-warning/api';
import { CalendarNoticeBanner } from '../modules/settings/CalendarNotices';

const { Header, Sider, Content } = Layout;

/** The staff shell. Menu entries come from the account's abilities, never from its roles. */
export default function WorkbenchLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // Below 992 px the menu folds into a drawer opened from the header (phones in villages).
  const screens = Grid.useBreakpoint();
  const isMenuFolded = !screens.lg;
  const [isMenuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname, isMenuFolded]);

  const items = useMemo(() => {
    const entries = [
      { key: '/workbench', icon: <HomeOutlined aria-hidden />, label: t('nav.home') },
    ];
    const tickets = ticketMenu(me);
    if (tickets.canTakeIn) {
      entries.push({ key: '/workbench/tickets/new', icon: <FileAddOutlined aria-hidden />, label: t('nav.ticketIntake') });
    }
    entries.push({ key: '/workbench/tickets', icon: <ProfileOutlined aria-hidden />, label: t('nav.tickets') });
    if (sitsAtDesk(me)) entries.push({ key: '/workbench/hotline/desk', icon: <CustomerServiceOutlined aria-hidden />, label: t('hotline.desk.nav') });
    if (seesAidCases(me)) entries.push({ key: '/workbench/legal-aid/cases', icon: <SolutionOutlined aria-hidden />, label: t('aidCases.title') });
    if (seesMediation(me)) {
      entries.push({ key: '/workbench/mediation/cases', icon: <TeamOutlined aria-hidden />, label: t('nav.mediationCases') });
      entries.push({ key: '/workbench/mediation/referrals', icon: <SwapOutlined aria-hidden />, label: t('nav.mediationReferrals') });
      entries.push({ key: '/workbench/mediation/screenings', icon: <RadarChartOutlined aria-hidden />, label: t('nav.disputeScreenings') });
    }
    if (seesMediation(me) || keepsCommittees(me)) {
      entries.push({ key: '/workbench/mediation/committees', icon: <ApartmentOutlined aria-hidden />, label: t('nav.mediationCommittees') });
    }
    entries.push({ key: '/workbench/preregistrations', icon: <FileDoneOutlined aria-hidden />, label: t('preregistration.workbench.title') });
    if (seesAidLawyerPool(me)) entries.push({ key: '/workbench/legal-aid/lawyers', icon: <SolutionOutlined aria-hidden />, label: t('aidPool.title') });
    if (seesDefenceNotices(me)) entries.push({ key: '/workbench/legal-aid/defence-notices', icon: <SafetyOutlined aria-hidden />, label: t('nav.defenceNotices') });
    // 值班律师: every staff member of the county reads who is on duty (the windows send people there).
    entries.push({ key: '/workbench/legal-aid/duty-roster', icon: <CalendarOutlined aria-hidden />, label: t('nav.dutyRoster') });
    if (seesAnalytics(me)) {
      entries.push({ key: '/workbench/analytics/board', icon: <DashboardOutlined aria-hidden />, label: t('analytics.nav.board') });
      entries.push({ key: '/workbench/analytics', icon: <LineChartOutlined aria-hidden />, label: t('analytics.nav.analytics') });
      entries.push({ key: '/workbench/analytics/forecast', icon: <FundOutlined aria-hidden />, label: t('analytics.nav.forecast') });
    }
    if (seesHotlineStatistics(me)) entries.push({ key: '/workbench/hotline/statistics', icon: <BarChartOutlined aria-hidden />, label: t('nav.hotlineStatistics') });
    // 考核评价与通报: leaders, supervisors and admins (the server scopes the regions).
    if (seesAssessment(me)) {
      entries.push(
        { key: '/workbench/assessment', icon: <TrophyOutlined aria-hidden />, label: t('nav.assessment') },
        { key: '/workbench/assessment/bulletins', icon: <FileTextOutlined aria-hidden />, label: t('assessment.bulletins.nav') },
      );
    }
    if (seesHotlineRoster(me)) entries.push({ key: '/workbench/hotline/roster', icon: <CalendarOutlined aria-hidden />, label: t('hotline.roster.nav') });
    if (seesCallbacks(me)) entries.push({ key: '/workbench/hotline/callbacks', icon: <PhoneOutlined aria-hidden />, label: t('hotline.callbacks.nav') });
    if (seesQualityReviews(me)) entries.push({ key: '/workbench/hotline/quality', icon: <AuditOutlined aria-hidden />, label: t('hotline.quality.nav') });
    if (tickets.answersApplicants) {
      entries.push({ key: '/workbench/replies', icon: <MessageOutlined aria-hidden />, label: t('tickets.awaitingReplies.nav') });
    }
    // 矛盾纠纷预警: the township office, its mediators and the leaders above (the server limits them to their region).
    if (seesEarlyWarnings(me)) entries.push({ key: '/workbench/early-warnings', icon: <AlertOutlined aria-hidden />, label: t('nav.earlyWarnings') });
    if (tickets.seesSupervision) {
      entries.push({ key: '/workbench/supervision', icon: <FlagOutlined aria-hidden />, label: t('nav.supervision') });
    }
    if (tickets.seesFollowUps) {
      entries.push({ key: '/workbench/follow-ups', icon: <PhoneOutlined aria-hidden />, label: t('nav.followUps') });
    }
    if (tickets.seesNotifications) {
      entries.push({ key: '/workbench/notifications', icon: <BellOutlined aria-hidden />, label: t('nav.notifications') });
    }
    // The law is public: every account may look it up.
    entries.push({ key: '/workbench/laws', icon: <ReadOutlined aria-hidden />, label: t('nav.laws') });
    entries.push(
      { key: '/workbench/regions', icon: <ApartmentOutlined aria-hidden />, label: t('nav.regions') },
      { key: '/workbench/venues', icon: <ShopOutlined aria-hidden />, label: t('nav.venues') },
      // Every staff member reads the settings in force and the calendar; admins change them there.
      { key: '/workbench/settings/services', icon: <SettingOutlined aria-hidden />, label: t('nav.serviceSettings') },
      { key: '/workbench/calendar', icon: <CalendarOutlined aria-hidden />, label: t('nav.calendar') },
      // Every staff member reads the articles of their scope; admins and leaders write them.
      { key: '/workbench/articles', icon: <NotificationOutlined aria-hidden />, label: t('content.workbench.nav') },
      // Every staff member reads the FAQ entries and case explainers of their scope; writers and publishers act there.
      { key: '/workbench/knowledge', icon: <BookOutlined aria-hidden />, label: t('knowledgeAdmin.nav') },
    );
    // The wording table: for those who write answers and those who keep the table (the others never need it).
    if (me.abilities.writeKnowledge || me.abilities.manageWordings) {
      entries.push({ key: '/workbench/wordings', icon: <SwapOutlined aria-hidden />, label: t('knowledgeAdmin.wordings.nav') });
    }
    // 文书模板: one set for the deployment, kept by an admin at a root node.
    if (me.abilities.manageDocumentTemplates) {
      entries.push({ key: '/workbench/document-templates', icon: <FileTextOutlined aria-hidden />, label: t('documents.templates.nav') });
    }
    // Every staff member keeps their own public profile; providers are read by all, changed by admins (the list says so).
    entries.push(
      { key: '/workbench/directory/my-profile', icon: <IdcardOutlined aria-hidden />, label: t('directory.nav.myProfile') },
      { key: '/workbench/directory/providers', icon: <BankOutlined aria-hidden />, label: t('directory.nav.providers') },
    );
    if (me.abilities.manageAccounts) {
      entries.push({ key: '/workbench/directory/profiles', icon: <ContactsOutlined aria-hidden />, label: t('directory.nav.profiles') });
    }
    if (me.abilities.readAppointments) {
      entries.push(
        { key: '/workbench/appointments/slots', icon: <ScheduleOutlined aria-hidden />, label: t('appointments.staff.navSlots') },
        { key: '/workbench/appointments/day', icon: <CarryOutOutlined aria-hidden />, label: t('appointments.staff.navDay') },
      );
    }
    // 法律援助经济困难标准: admins and leaders read their province's; those of the whole province add one.
    if (me.abilities.manageLegalAidStandards) {
      entries.push({ key: '/workbench/legal-aid/standards', icon: <SafetyOutlined aria-hidden />, label: t('legalAid.standards.nav') });
    }
    if (me.abilities.manageAccounts) {
      entries.push({ key: '/workbench/accounts', icon: <TeamOutlined aria-hidden />, label: t('nav.accounts') });
    }
    if (me.abilities.readAudit) {
      entries.push({ key: '/workbench/audit', icon: <AuditOutlined aria-hidden />, label: t('nav.audit') });
    }
    return entries;
  }, [me, t]);

  const selectedKey =
    [...items].sort((a, b) => b.key.length - a.key.length).find((i) => location.pathname.startsWith(i.key))?.key ??
    '/workbench';

  const roleNames = me.roles.map((r) => t(`roles.${r}`)).join('、');

  const menu = (
    <nav aria-label={t('workbench.mainNav')} id="workbench-menu">
      <Menu
        mode="inline"
        selectedKeys={[selectedKey]}
        items={items}
        onClick={({ key }) => navigate(key)}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#workbench-main">
        {t('common.skipToContent')}
      </a>
      <Header className="app-header">
        {isMenuFolded && (
          <Button
            type="text"
            style={{ color: '#fff', flex: 'none' }}
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('workbench.menu')}
            aria-expanded={isMenuOpen}
            aria-controls="workbench-menu"
            onClick={() => setMenuOpen(true)}
          />
        )}
        <Link to="/workbench" className="app-brand">
          {t('app.name')}
        </Link>
        <span className="app-header-spacer" />
        <section aria-label={t('workbench.currentAccount')} className="app-account">
          <div style={{ fontWeight: 600 }} title={me.displayName}>
            {me.displayName}
          </div>
          <div style={{ fontSize: '0.85em', opacity: 0.85 }} title={`${roleNames} · ${me.region.name}`}>
            {roleNames} · {me.region.name}
          </div>
        </section>
        <div className="app-header-actions">
          <LanguageSwitch isOnDark />
          <Button type="text" style={{ color: '#fff' }} icon={<LogoutOutlined aria-hidden />} onClick={() => void signOut()}>
            {t('workbench.logout')}
          </Button>
        </div>
      </Header>
      <Layout>
        {isMenuFolded ? (
          <Drawer
            open={isMenuOpen}
            onClose={() => setMenuOpen(false)}
            placement="left"
            width={260}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider width={200} theme="light">
            {menu}
          </Sider>
        )}
        <Content id="workbench-main" className="workbench-content" tabIndex={-1} style={{ padding: 24, minWidth: 0 }}>
          <CalendarNoticeBanner />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
