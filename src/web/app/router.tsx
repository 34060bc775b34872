import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { PreferencesProvider } from './preferences';
import { RequireStaff, SessionProvider } from './session';

// Each face is its own chunk: the portal home never downloads the workbench
// (test/architecture/web-build.test.ts walks the build's manifest to keep it so).
const PortalLayout = lazy(() => import('../portal/PortalLayout'));
const PortalHome = lazy(() => import('../portal/PortalHome'));
const SignInPage = lazy(() => import('../portal/SignInPage'));
const MePage = lazy(() => import('../portal/MePage'));
const MyRequestsPage = lazy(() => import('../portal/requests/MyRequestsPage'));
const RequestDetailPage = lazy(() => import('../portal/requests/RequestDetailPage'));
const RequestFormPage = lazy(() => import('../portal/requests/RequestFormPage'));
const TrackPage = lazy(() => import('../portal/requests/TrackPage'));
const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
// The workbench shell with what only the workbench needs (App.useApp's APIs, Beijing time for the pickers).
const WorkbenchLayout = lazy(() => import('./WorkbenchApp'));
// Ant Design's Result and its large illustrations only for an address that does not exist.
const NotFoundPage = lazy(() => import('./ErrorResult').then((m) => ({ default: m.NotFoundPage })));
const WorkbenchHome = lazy(() => import('../workbench/WorkbenchHome'));
const RegionsPage = lazy(() => import('../modules/regions/RegionsPage'));
const VenueListPage = lazy(() => import('../modules/venues/VenueListPage'));
const VenueDetailPage = lazy(() => import('../modules/venues/VenueDetailPage'));
const VenueFormPage = lazy(() => import('../modules/venues/VenueFormPage'));
const AccountsPage = lazy(() => import('../modules/accounts/AccountsPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const TicketQueuesPage = lazy(() => import('../modules/tickets/TicketQueuesPage'));
const TicketIntakePage = lazy(() => import('../modules/tickets/TicketIntakePage'));
const TicketDetailPage = lazy(() => import('../modules/tickets/TicketDetailPage'));
const SupervisionLedgerPage = lazy(() => import('../modules/oversight/SupervisionLedgerPage'));
const FollowUpsPage = lazy(() => import('../modules/oversight/FollowUpsPage'));
const NotificationsPage = lazy(() => import('../modules/oversight/NotificationsPage'));
const ServiceSettingsPage = lazy(() => import('../modules/settings/ServiceSettingsPage'));
const CalendarPage = lazy(() => import('../modules/settings/CalendarPage'));
// 普法与公告 and 办事指南: portal pages (to be nested under the portal layout) and the workbench editor.
const NewsListPage = lazy(() => import('../portal/content/NewsListPage'));
const NewsArticlePage = lazy(() => import('../portal/content/NewsArticlePage'));
const GuideListPage = lazy(() => import('../portal/content/GuideListPage'));
const GuidePage = lazy(() => import('../portal/content/GuidePage'));
const ArticleListPage = lazy(() => import('../modules/content/ArticleListPage'));
const ArticleEditorPage = lazy(() => import('../modules/content/ArticleEditorPage'));
// The public directory (portal) and its workbench pages.
const DirectoryPage = lazy(() => import('../portal/directory/DirectoryPage'));
const DirectoryVenuePage = lazy(() => import('../portal/directory/DetailPages').then((m) => ({ default: m.VenuePage })));
const DirectoryPersonPage = lazy(() => import('../portal/directory/DetailPages').then((m) => ({ default: m.PersonPage })));
const DirectoryProviderPage = lazy(() => import('../portal/directory/DetailPages').then((m) => ({ default: m.ProviderPage })));
const MyProfilePage = lazy(() => import('../modules/directory/MyProfilePage'));
const ProvidersPage = lazy(() => import('../modules/directory/ProvidersPage'));
const StaffProfilesPage = lazy(() => import('../modules/directory/StaffProfilesPage'));
const AppointmentsPage = lazy(() => import('../modules/appointments/AppointmentsPage'));
const AppointmentSlotsPage = lazy(() => import('../modules/appointments/SlotsPage'));
const AppointmentDayPage = lazy(() => import('../modules/appointments/DayBookingsPage'));

function Loading() {
  return (
    <div style={{ padding: 64, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin size="large" />
    </div>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <PreferencesProvider>
        <SessionProvider>
          <Routes>
            {/* Citizen pages: one frame (PortalLayout), each page its own chunk. */}
            <Route path="/" element={<Lazy><PortalLayout /></Lazy>}>
              <Route element={<Lazy><Outlet /></Lazy>}>
                <Route index element={<PortalHome />} />
                <Route path="sign-in" element={<SignInPage />} />
                <Route path="me" element={<MePage />} />
                <Route path="requests" element={<MyRequestsPage />} />
                <Route path="requests/new/:kind" element={<RequestFormPage />} />
                <Route path="requests/:id" element={<RequestDetailPage />} />
                <Route path="track" element={<TrackPage />} />
                <Route path="appointments" element={<AppointmentsPage />} />
                <Route path="news" element={<NewsListPage />} />
                <Route path="news/:id" element={<NewsArticlePage />} />
                <Route path="guides" element={<GuideListPage />} />
                <Route path="guides/:serviceType" element={<GuidePage />} />
                <Route path="directory" element={<DirectoryPage />} />
                <Route path="directory/venues/:id" element={<DirectoryVenuePage />} />
                <Route path="directory/people/:id" element={<DirectoryPersonPage />} />
                <Route path="directory/providers/:id" element={<DirectoryProviderPage />} />
              </Route>
            </Route>
            <Route path="/login" element={<Lazy><LoginPage /></Lazy>} />
            <Route
              path="/workbench"
              element={
                <RequireStaff>
                  <Lazy>
                    <WorkbenchLayout />
                  </Lazy>
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
                <Route path="follow-ups" element={<FollowUpsPage />} />
                <Route path="notifications" element={<NotificationsPage />} />
                <Route path="settings/services" element={<ServiceSettingsPage />} />
                <Route path="calendar" element={<CalendarPage />} />
                <Route path="articles" element={<ArticleListPage />} />
                <Route path="articles/new" element={<ArticleEditorPage />} />
                <Route path="articles/:id" element={<ArticleEditorPage />} />
                <Route path="directory/my-profile" element={<MyProfilePage />} />
                <Route path="directory/providers" element={<ProvidersPage />} />
                <Route path="directory/profiles" element={<StaffProfilesPage />} />
                <Route path="appointments/slots" element={<AppointmentSlotsPage />} />
                <Route path="appointments/day" element={<AppointmentDayPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
            <Route path="/portal" element={<Navigate to="/" replace />} />
            <Route path="*" element={<Lazy><NotFoundPage isStandalone /></Lazy>} />
          </Routes>
        </SessionProvider>
      </PreferencesProvider>
    </BrowserRouter>
  );
}
