import type { ReactNode } from 'react';
import type { SessionUser } from '../api/types.js';
import { hrefOf, type Route } from '../lib/route.js';
import { ToastProvider } from './toast.js';

/** The frame of every signed-in page: a skip link, the site navigation, and the main region. */
export function Layout({ user, route, onSignOut, signingOut, children }: {
  user: SessionUser;
  route: Route;
  onSignOut: () => void;
  signingOut: boolean;
  children: ReactNode;
}) {
  const current = (page: Route['page'][]) => (page.includes(route.page) ? 'page' : undefined);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Salvage</span>
        <nav aria-label="Main">
          <a href={hrefOf({ page: 'drives' })} aria-current={current(['drives', 'files', 'bin', 'settings', 'members'])}>
            Drives
          </a>
          <a href={hrefOf({ page: 'jobs' })} aria-current={current(['jobs'])}>
            Jobs
          </a>
          {/* Everyone: admins see every record, anyone else those of the drives they own
              (every user is made with a drive of their own). */}
          <a href={hrefOf({ page: 'audit' })} aria-current={current(['audit'])}>
            Audit
          </a>
          {/* Only admins manage users; the page and the server refuse anyone else too. */}
          {user.isAdmin && (
            <a href={hrefOf({ page: 'users' })} aria-current={current(['users'])}>
              Users
            </a>
          )}
          <a href={hrefOf({ page: 'profile' })} aria-current={current(['profile'])}>
            Profile
          </a>
        </nav>
        <span className="who">Signed in as {user.name}</span>
        <button type="button" onClick={onSignOut} disabled={signingOut}>
          Sign out
        </button>
      </header>
      <ToastProvider>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </ToastProvider>
    </>
  );
}
