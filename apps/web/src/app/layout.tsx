import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { setTimeZone } from '@/lib/format';
import { useMe, useSignOut } from '@/features/auth';

/** Screens behind sign-in: without a session (401 from /me), the sign-in screen, then back here. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Opening Dossier…" />;
  if (me.isError) {
    if (asApiError(me.error)?.status === 401) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    return (
      <main className="auth-page">
        <ErrorMessage error={me.error} retry={() => void me.refetch()} />
      </main>
    );
  }
  setTimeZone(me.data.timeZone);
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
          <NavLink to="/people">People</NavLink>
          <NavLink to="/organizations">Organizations</NavLink>
          <NavLink to="/pipeline">Pipeline</NavLink>
          <NavLink to="/interviews">Interviews</NavLink>
          <NavLink to="/imports">Imports</NavLink>
          <NavLink to="/settings">Settings</NavLink>
          {me.data?.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="account">
          <span className="muted small">{me.data?.displayName || me.data?.email}</span>
          <button type="button" className="secondary" disabled={signOut.isPending} onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
