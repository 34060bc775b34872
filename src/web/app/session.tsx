import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, setUnauthenticatedHandler } from './api';
import { Loading } from './Spinner';
import { fetchMe, logout as apiLogout, type Me } from '../modules/auth/api';

type SessionState =
  /** Nobody has asked yet: public pages never do, so they make no /api/auth/me call (and log no 401). */
  | { status: 'unknown' }
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signedIn'; me: Me };

type Session = {
  state: SessionState;
  setMe(me: Me): void;
  refresh(): Promise<void>;
  /** Looks the account up once, when a page that needs it (the workbench) first asks. */
  ensure(): void;
  signOut(): Promise<void>;
};

const SessionContext = createContext<Session | undefined>(undefined);

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Holds the signed-in staff account; the workbench reads roles and abilities from it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'unknown' });
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState({ status: 'signedIn', me });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setState({ status: 'anonymous' });
      } else {
        setState({ status: 'anonymous' });
      }
    }
  }, []);

  const hasAsked = useRef(false);
  const ensure = useCallback(() => {
    if (hasAsked.current) return;
    hasAsked.current = true;
    setState((current) => (current.status === 'unknown' ? { status: 'loading' } : current));
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // Any API call answered with 401 means the session is gone: back to the login page.
    setUnauthenticatedHandler(() => {
      setState({ status: 'anonymous' });
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) navigate(loginPath(here), { replace: true });
    });
    return () => setUnauthenticatedHandler(undefined);
  }, [navigate]);

  const setMe = useCallback((me: Me) => setState({ status: 'signedIn', me }), []);

  const signOut = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setState({ status: 'anonymous' });
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  return (
    <SessionContext.Provider value={{ state, setMe, refresh, ensure, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in account; only call below RequireStaff. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe without a signed-in account');
  return state.me;
}

export function RequireStaff({ children }: { children: ReactNode }) {
  const { state, ensure } = useSession();
  const location = useLocation();
  useEffect(ensure, [ensure]);
  if (state.status === 'unknown' || state.status === 'loading') {
    return <Loading />;
  }
  if (state.status === 'anonymous') {
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  return <>{children}</>;
}
