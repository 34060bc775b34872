import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { loadAllTexts } from './i18n';
import { PreferencesProvider } from './preferences';
import { RequireStaff, SessionProvider } from './session';
import { Loading } from './Spinner';

const loadAntdScope = () => import('./AntdScope');
/** Ant Design's theme and locale around every page built with it (AntdScope.tsx). */
const AntdScope = lazy(loadAntdScope);

/**
 * A lazy page built with Ant Design: its chunk, Ant Design's scope and the rest of the Chinese
 * texts are fetched together, and the page shows once all are in. The portal's home and frame
 * are the exceptions (plain HTML and CSS, and their texts come with the app), so a citizen's
 * first visit waits on neither (docs/architecture.md, "Delivery").
 */
// `any` as in React's own lazy(): a page's props are its own business.
function page<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(async () => {
    void loadAntdScope();
    const [module] = await Promise.all([load(), loadAllTexts()]);
    return module;
  });
}

// Each face is its own chunk: the portal home never downloads the workbench
// (test/architecture/web-build.test.ts walks the build's manifest to keep it so).
const PortalLayout = lazy(() => import('../portal/PortalLayout'));
const PortalHome = lazy(() => import('../portal/PortalHome'));
const SignInPage = page(() => import('../portal/SignInPage'));
const MePage = page(() => import('../portal/MePage'));
const MyRequestsPage = page(() => import('../portal/requests/MyRequestsPage'));
const AwaitingRepliesPage = page(() => import('../modules/requests/AwaitingRepliesPage'));
const RequestDetailPage = page(() => import('../portal/requests/RequestDetailPage'));
const RequestFormPage = page(() => import('../portal/requests/RequestFormPage'));
const TrackPage = page(() => import('../portal/requests/TrackPage'));
// 预登记 (modules/preregistration): the portal's guided steps and my pre-registrations; the workbench list and detail.
const PreregisterPage = page(() => import('../portal/preregistration/PreregisterPage'));
const MyPreregistrationsPage = page(() => import('../portal/preregistration/MyPreregistrationsPage'));
const MyPreregistrationPage = page(() => import('../portal/preregistration/MyPreregistrationsPage').then((m) => ({ default: m.MyPreregistrationPage })));
const PreregistrationsPage = page(() => import('../modules/preregistration/PreregistrationsPage'));
const LoginPage = page(() => import('../modules/auth/LoginPage'));
// The workbench shell with what only the workbench needs (App.useApp's APIs, Beijing time for the pickers).
const WorkbenchLayout = page(() => import('./WorkbenchApp'));
// Ant Design's Result and its large illustrations only for an address that does not exist.
const NotFoundPage = page(() => import('./ErrorResult').then((m) => ({ default: m.NotFoundPage })));
const WorkbenchHome = page(() => import('../workbench/WorkbenchHome'));
const RegionsPage = page(() => import('../modules/regions/RegionsPage'));
const VenueListPage = page(() => import('../modules/venues/VenueListPage'));
const VenueDetailPage = page(() => import('../modules/venues/VenueDetailPage'));
const VenueFormPage = page(() => import('../modules/venues/VenueFormPage'));
const AccountsPage = page(() => import('../modules/accounts/AccountsPage'));
const AuditPage = page(() => import('../modules/audit/AuditPage'));
const TicketQueuesPage = page(() => import('../modules/tickets/TicketQueuesPage'));
const TicketIntakePage = page(() => import('../modules/tickets/TicketIntakePage'));
const TicketDetailPage = page(() => import('../modules/tickets/TicketDetailPage'));
const SupervisionLedgerPage = page(() => import('../modules/oversight/SupervisionLedgerPage'));
const EarlyWarningsPage = page(() => import('../modules/early-warning/EarlyWarningsPage'));
const EarlyWarningDetailPage = page(() => import('../modules/early-warning/EarlyWarningDetailPage'));
const FollowUpsPage = page(() => import('../modules/oversight/FollowUpsPage'));
const NotificationsPage = page(() => import('../modules/oversight/NotificationsPage'));
const ServiceSettingsPage = page(() => import('../modules/settings/ServiceSettingsPage'));
const CalendarPage = page(() => import('../modules/settings/CalendarPage'));
// 普法与公告 and 办事指南: portal pages (to be nested under the portal layout) and the workbench editor.
const NewsListPage = page(() => import('../portal/content/NewsListPage'));
const NewsArticlePage = page(() => import('../portal/content/NewsArticlePage'));
const GuideListPage = page(() => import('../portal/content/GuideListPage'));
const GuidePage = page(() => import('../portal/content/GuidePage'));
const ArticleListPage = page(() => import('../modules/content/ArticleListPage'));
const ArticleEditorPage = page(() => import('../modules/content/ArticleEditorPage'));
// 常见问题与以案释法 and 口语对照表 (modules/knowledge).
const KnowledgeEntryListPage = page(() => import('../modules/knowledge/KnowledgeEntryListPage'));
const KnowledgeEntryEditorPage = page(() => import('../modules/knowledge/KnowledgeEntryEditorPage'));
const WordingsPage = page(() => import('../modules/knowledge/WordingsPage'));
// The public directory (portal) and its workbench pages.
const DirectoryPage = page(() => import('../portal/directory/DirectoryPage'));
const DirectoryVenuePage = page(() => import('../portal/directory/DetailPages').then((m) => ({ default: m.VenuePage })));
const DirectoryPersonPage = page(() => import('../portal/directory/DetailPages').then((m) => ({ default: m.PersonPage })));
const DirectoryProviderPage = page(() => import('../portal/directory/DetailPages').then((m) => ({ default: m.ProviderPage })));
const MyProfilePage = page(() => import('../modules/directory/MyProfilePage'));
const ProvidersPage = page(() => import('../modules/directory/ProvidersPage'));
const StaffProfilesPage = page(() => import('../modules/directory/StaffProfilesPage'));
const AppointmentsPage = page(() => import('../modules/appointments/AppointmentsPage'));
const AppointmentSlotsPage = page(() => import('../modules/appointments/SlotsPage'));
const AppointmentDayPage = page(() => import('../modules/appointments/DayBookingsPage'));
// 法律法规查询, the law reader and 法律咨询助手 (portal); 法律法规检索 and its reader (workbench).
const LawSearchPage = page(() => import('../portal/laws/LawSearchPage'));
const LawReaderPage = page(() => import('../portal/laws/LawReaderPage'));
const AssistantPage = page(() => import('../portal/assistant/AssistantPage'));
// 法律援助自查 (portal) and the provinces' hardship standards (workbench).
const LegalAidCheckPage = page(() => import('../portal/legal-aid/LegalAidCheckPage'));
const LegalAidStandardsPage = page(() => import('../modules/legal-aid/LegalAidStandardsPage'));
const EntryPage = page(() => import('../portal/laws/EntryPage'));
const StaffLawSearchPage = page(() => import('../modules/knowledge/StaffLawSearchPage'));
const StaffLawReaderPage = page(() => import('../modules/knowledge/StaffLawReaderPage'));
// 文书: the public verify page (portal) and the templates (workbench).
const VerifyPage = page(() => import('../portal/verify/VerifyPage'));
const DocumentTemplatesPage = page(() => import('../modules/documents/DocumentTemplatesPage'));
const AidCaseListPage = page(() => import('../modules/legal-aid/AidCaseListPage'));
const MediationCaseListPage = page(() => import('../modules/mediation/MediationCaseListPage'));
const ReferralListPage = page(() => import('../modules/mediation/ReferralListPage'));
const ScreeningPage = page(() => import('../modules/mediation/ScreeningPage'));
const AidLawyerPoolPage = page(() => import('../modules/legal-aid/AidLawyerPoolPage'));
const DefenceNoticesPage = page(() => import('../modules/legal-aid/DefenceNoticesPage'));
const DutyRosterPage = page(() => import('../modules/legal-aid/DutyRosterPage'));
const HotlineStatisticsPage = page(() => import('../modules/hotline/HotlineStatisticsPage'));
// 考核评价与通报 (modules/assessment).
const AssessmentPage = page(() => import('../modules/assessment/AssessmentPage'));
const BulletinsPage = page(() => import('../modules/assessment/BulletinsPage'));
const HotlineDeskPage = page(() => import('../modules/hotline/HotlineDeskPage'));
const HotlineRosterPage = page(() => import('../modules/hotline/HotlineRosterPage'));
const HotlineCallbacksPage = page(() => import('../modules/hotline/HotlineCallbacksPage'));
const HotlineQualityPage = page(() => import('../modules/hotline/HotlineQualityPage'));
const AnalyticsPage = page(() => import('../modules/analytics/AnalyticsPage'));
const BoardPage = page(() => import('../modules/analytics/BoardPage'));
const ForecastPage = page(() => import('../modules/analytics/ForecastPage'));
const CommitteesPage = page(() => import('../modules/mediation/CommitteesPage'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Lazy children inside Ant Design's scope. */
function Scoped({ children }: { children: ReactNode }) {
  return (
    <Lazy>
      <AntdScope>
        <Lazy>{children}</Lazy>
      </AntdScope>
    </Lazy>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <PreferencesProvider>
        <SessionProvider>
          <Routes>
            {/* Citizen pages: one frame (PortalLayout), each page its own chunk. */}
            <Route path="/" element={<Lazy><PortalLayout /></Lazy>}>
              <Route index element={<Lazy><PortalHome /></Lazy>} />
              <Route element={<Scoped><Outlet /></Scoped>}>
                <Route path="sign-in" element={<SignInPage />} />
                <Route path="me" element={<MePage />} />
                <Route path="requests" element={<MyRequestsPage />} />
                <Route path="requests/new/:kind" element={<RequestFormPage />} />
                <Route path="requests/:id" element={<RequestDetailPage />} />
                <Route path="track" element={<TrackPage />} />
                <Route path="preregister" element={<PreregisterPage />} />
                <Route path="preregistrations" element={<MyPreregistrationsPage />} />
                <Route path="preregistrations/:id" element={<MyPreregistrationPage />} />
                <Route path="appointments" element={<AppointmentsPage />} />
                <Route path="news" element={<NewsListPage />} />
                <Route path="news/:id" element={<NewsArticlePage />} />
                <Route path="guides" element={<GuideListPage />} />
                <Route path="guides/:serviceType" element={<GuidePage />} />
                <Route path="directory" element={<DirectoryPage />} />
                <Route path="directory/venues/:id" element={<DirectoryVenuePage />} />
                <Route path="directory/people/:id" element={<DirectoryPersonPage />} />
                <Route path="directory/providers/:id" element={<DirectoryProviderPage />} />
                <Route path="laws" element={<LawSearchPage />} />
                <Route path="laws/:id" element={<LawReaderPage />} />
                <Route path="laws/entries/:id" element={<EntryPage />} />
                <Route path="assistant" element={<AssistantPage />} />
                <Route path="legal-aid/check" element={<LegalAidCheckPage />} />
                <Route path="verify" element={<VerifyPage />} />
                <Route path="verify/:code" element={<VerifyPage />} />
              </Route>
            </Route>
            <Route path="/login" element={<Scoped><LoginPage /></Scoped>} />
            <Route
              path="/workbench"
              element={
                <RequireStaff>
                  <Scoped>
                    <WorkbenchLayout />
                  </Scoped>
                </RequireStaff>
              }
            >
              <Route element={<Lazy><Outlet /></Lazy>}>
                <Route index element={<WorkbenchHome />} />
                <Route path="regions" element={<RegionsPage />} />
                <Route path="venues" element={<VenueListPage />} />
                <Route path="venues/new" element={<VenueFormPage />} />
                <Route path="venues/:id" element={<VenueDetailPage />} />
                <Route path="venues/:id/edit" element={<VenueFormPage />} />
                <Route path="accounts" element={<AccountsPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="tickets" element={<TicketQueuesPage />} />
                <Route path="tickets/new" element={<TicketIntakePage />} />
                <Route path="tickets/:id" element={<TicketDetailPage />} />
                <Route path="supervision" element={<SupervisionLedgerPage />} />
                <Route path="early-warnings" element={<EarlyWarningsPage />} />
                <Route path="early-warnings/:id" element={<EarlyWarningDetailPage />} />
                <Route path="follow-ups" element={<FollowUpsPage />} />
                <Route path="replies" element={<AwaitingRepliesPage />} />
                <Route path="preregistrations" element={<PreregistrationsPage />} />
                <Route path="preregistrations/:id" element={<PreregistrationsPage />} />
                <Route path="notifications" element={<NotificationsPage />} />
                <Route path="settings/services" element={<ServiceSettingsPage />} />
                <Route path="calendar" element={<CalendarPage />} />
                <Route path="articles" element={<ArticleListPage />} />
                <Route path="articles/new" element={<ArticleEditorPage />} />
                <Route path="articles/:id" element={<ArticleEditorPage />} />
                <Route path="knowledge" element={<KnowledgeEntryListPage />} />
                <Route path="knowledge/new" element={<KnowledgeEntryEditorPage />} />
                <Route path="knowledge/:id" element={<KnowledgeEntryEditorPage />} />
                <Route path="wordings" element={<WordingsPage />} />
                <Route path="directory/my-profile" element={<MyProfilePage />} />
                <Route path="directory/providers" element={<ProvidersPage />} />
                <Route path="directory/profiles" element={<StaffProfilesPage />} />
                <Route path="appointments/slots" element={<AppointmentSlotsPage />} />
                <Route path="appointments/day" element={<AppointmentDayPage />} />
                <Route path="laws" element={<StaffLawSearchPage />} />
                <Route path="laws/:id" element={<StaffLawReaderPage />} />
                <Route path="legal-aid/standards" element={<LegalAidStandardsPage />} />
                <Route path="document-templates" element={<DocumentTemplatesPage />} />
                <Route path="legal-aid/cases" element={<AidCaseListPage />} />
                <Route path="mediation/cases" element={<MediationCaseListPage />} />
                <Route path="mediation/referrals" element={<ReferralListPage />} />
                <Route path="mediation/screenings" element={<ScreeningPage />} />
                <Route path="legal-aid/lawyers" element={<AidLawyerPoolPage />} />
                <Route path="legal-aid/defence-notices" element={<DefenceNoticesPage />} />
                <Route path="legal-aid/duty-roster" element={<DutyRosterPage />} />
                <Route path="hotline/statistics" element={<HotlineStatisticsPage />} />
                <Route path="assessment" element={<AssessmentPage />} />
                <Route path="assessment/bulletins" element={<BulletinsPage />} />
                <Route path="hotline/desk" element={<HotlineDeskPage />} />
                <Route path="hotline/roster" element={<HotlineRosterPage />} />
                <Route path="hotline/callbacks" element={<HotlineCallbacksPage />} />
                <Route path="hotline/quality" element={<HotlineQualityPage />} />
                <Route path="analytics" element={<AnalyticsPage />} />
                <Route path="analytics/board" element={<BoardPage />} />
                <Route path="analytics/forecast" element={<ForecastPage />} />
                <Route path="mediation/committees" element={<CommitteesPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
            <Route path="/portal" element={<Navigate to="/" replace />} />
            <Route path="*" element={<Scoped><NotFoundPage isStandalone /></Scoped>} />
          </Routes>
        </SessionProvider>
      </PreferencesProvider>
    </BrowserRouter>
  );
}
