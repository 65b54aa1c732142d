import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { setTimeZone } from '@/lib/format';
import { useMe, useSignOut } from '@/features/auth';
import { screens } from './screens';

/**
 * Screens behind sign-in: without a session (401 from /me), the sign-in screen, then back here.
 * While /me is on its way, the layout is drawn already (not its screen: see AppLayout), so that
 * drawing the screen, once /me and its data are there, is all that is left to do.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isError) {
    if (asApiError(me.error)?.status === 401) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    return (
      <main className="auth-page">
        <ErrorMessage error={me.error} retry={() => void me.refetch()} />
      </main>
    );
  }
  // Before any screen shows a time (the screens wait for /me).
  if (me.data) setTimeZone(me.data.timeZone);
  return <Outlet />;
}

export function AppLayout() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // After a navigation, focus moves to the new screen (keyboard and screen-reader users land on it).
  useEffect(() => main.current?.focus(), [location.pathname]);
  useEffect(preloadLikelyScreens, []);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Dossier</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Today
          </NavLink>
          {NAV.filter((link) => link.screen !== 'admin' || me.data?.role === 'admin').map((link) => (
            <ScreenLink key={link.to} to={link.to} screen={link.screen}>
              {link.label}
            </ScreenLink>
          ))}
        </nav>
        <div className="account">
          {me.data && (
            <>
              <span className="muted small">{me.data.displayName || me.data.email}</span>
              <button type="button" className="secondary" disabled={signOut.isPending} onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {me.data ? <Outlet /> : <Loading label="Opening Dossier…" />}
      </main>
    </div>
  );
}

/** The main navigation after Today (in the first bundle): Admin for admins only. */
const NAV: { to: string; label: string; screen: keyof typeof screens }[] = [
  { to: '/people', label: 'People', screen: 'people' },
  { to: '/organizations', label: 'Organizations', screen: 'organizations' },
  { to: '/pipeline', label: 'Pipeline', screen: 'pipeline' },
  { to: '/interviews', label: 'Interviews', screen: 'interviews' },
  { to: '/prepare', label: 'Prepare', screen: 'prepare' },
  { to: '/imports', label: 'Imports', screen: 'imports' },
  { to: '/settings', label: 'Settings', screen: 'settings' },
  { to: '/admin', label: 'Admin', screen: 'admin' },
];

/** A link of the main navigation that loads its screen's chunk as soon as it is pointed at or focused: the click finds it there. */
function ScreenLink({ to, screen, children }: { to: string; screen: keyof typeof screens; children: string }) {
  const preload = () => void screens[screen]().catch(() => undefined);
  return (
    <NavLink to={to} onPointerEnter={preload} onFocus={preload}>
      {children}
    </NavLink>
  );
}

/**
 * A moment after the first screen is drawn, when the browser is idle, the chunks of the screens
 * people go to most (People, the board): going there then waits for their data only. The others
 * load when their link is pointed at or focused (ScreenLink). Not at once: the screen being opened
 * needs the network and the processor first.
 */
function preloadLikelyScreens(): () => void {
  const preload = () => {
    void screens.people().catch(() => undefined);
    void screens.pipeline().catch(() => undefined);
  };
  let idle: number | undefined;
  const later = setTimeout(() => {
    if ('requestIdleCallback' in window) idle = window.requestIdleCallback(preload, { timeout: 3000 });
    else preload();
  }, 1500);
  return () => {
    clearTimeout(later);
    if (idle !== undefined) window.cancelIdleCallback(idle);
  };
}
