import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CSRF_COOKIE } from '../app/api';
import { usePreferences } from '../app/preferences';
import { Spinner } from '../app/Spinner';
import { fetchProfile, signOutCitizen, type CitizenProfile } from './api';

export type CitizenState =
  | { status: 'loading' }
  /** `signedOut`: the citizen signed out here, so a page that needs a session goes home, not to sign-in. */
  | { status: 'anonymous'; signedOut?: true }
  | { status: 'signedIn'; profile: CitizenProfile };

type CitizenSession = {
  state: CitizenState;
  /** The profile after sign-in or a save; its preferred language, when set, becomes the portal's. */
  setProfile(profile: CitizenProfile, options?: { applyLanguage?: boolean }): void;
  /** A portal call answered 401: the session is gone. */
  markSignedOut(): void;
  /** Ends the session; the page that needed it then goes to the home page (RequireCitizen). */
  signOut(): Promise<void>;
};

const CitizenContext = createContext<CitizenSession | undefined>(undefined);

/** Without the CSRF cookie there is no session at all: the portal asks nothing (and logs no 401). */
const hasSessionCookie = () => document.cookie.split(';').some((part) => part.trim().startsWith(`${CSRF_COOKIE}=`));

/**
 * The signed-in citizen for every portal page (PortalLayout provides it). Asks
 * GET /api/portal/me once, only when a session cookie exists; a staff session
 * answers 401 there and counts as no citizen.
 */
export function CitizenSessionProvider({ children }: { children: ReactNode }) {
  const { language, setLanguage } = usePreferences();
  const [state, setState] = useState<CitizenState>(() => (hasSessionCookie() ? { status: 'loading' } : { status: 'anonymous' }));
  const languageRef = useRef(language);
  languageRef.current = language;

  const setProfile = useCallback(
    (profile: CitizenProfile, options: { applyLanguage?: boolean } = { applyLanguage: true }) => {
      setState({ status: 'signedIn', profile });
      if (options.applyLanguage && profile.preferredLanguage && profile.preferredLanguage !== languageRef.current) setLanguage(profile.preferredLanguage);
    },
    [setLanguage],
  );

  useEffect(() => {
    if (!hasSessionCookie()) return;
    let isCurrent = true;
    fetchProfile().then(
      (profile) => isCurrent && setProfile(profile),
      // 401: no citizen session (none, expired, or a staff one's). Another failure: signed out too; the page still works.
      () => isCurrent && setState({ status: 'anonymous' }),
    );
    return () => {
      isCurrent = false;
    };
  }, [setProfile]);

  // Once the signed-out page has gone home, a later page that needs a session asks for sign-in again.
  const { pathname } = useLocation();
  useEffect(() => setState((current) => (current.status === 'anonymous' && current.signedOut ? { status: 'anonymous' } : current)), [pathname]);

  const markSignedOut = useCallback(() => setState({ status: 'anonymous' }), []);
  const signOut = useCallback(async () => {
    try {
      await signOutCitizen();
    } finally {
      setState({ status: 'anonymous', signedOut: true });
    }
  }, []);

  const value = useMemo(() => ({ state, setProfile, markSignedOut, signOut }), [state, setProfile, markSignedOut, signOut]);
  return <CitizenContext.Provider value={value}>{children}</CitizenContext.Provider>;
}

/** The portal's citizen session: `state.status` is 'loading', 'anonymous' or 'signedIn' (with the profile). */
export function useCitizen(): CitizenSession {
  const value = useContext(CitizenContext);
  if (!value) throw new Error('useCitizen outside CitizenSessionProvider (PortalLayout)');
  return value;
}

/**
 * For portal pages only a signed-in citizen may see ("my requests", messages…): a
 * spinner while the session is looked up, the sign-in page (coming back here after)
 * without one, the page with one. Read the profile inside with useCitizen().
 */
export function RequireCitizen({ children }: { children: ReactNode }) {
  const { state } = useCitizen();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') return <Spinner label={t('citizen.common.loading')} />;
  // One update decides where to go: navigating from the caller as well would race this redirect.
  if (state.status === 'anonymous' && state.signedOut) return <Navigate to="/" replace />;
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
