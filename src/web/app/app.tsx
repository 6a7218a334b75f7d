import { useCallback, useEffect, useState } from 'react';
import { setSignedOutHandler } from './api/http.js';
import { jobsApi } from './api/jobs.js';
import type { SessionUser } from './api/types.js';
import { Layout } from './components/layout.js';
import { Skeleton } from './components/skeleton.js';
import { useBusy } from './lib/use-busy.js';
import { type Route, useRoute } from './lib/route.js';
import { BinPage } from './pages/bin/bin-page.js';
import { DrivesPage } from './pages/drives/drives-page.js';
import { FilesPage } from './pages/files/files-page.js';
import { JobsPage } from './pages/jobs-page.js';
import { MembersPage } from './pages/members/members-page.js';
import { AuditPage } from './pages/audit/audit-page.js';
import { ProfilePage } from './pages/profile/profile-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { UsersPage } from './pages/users/users-page.js';

const TITLES: Record<Route['page'], string> = {
  drives: 'Drives',
  files: 'Files',
  bin: 'Recycle bin',
  settings: 'Recycle bin settings',
  members: 'Members',
  jobs: 'Jobs',
  audit: 'Audit',
  users: 'Users',
  profile: 'Your profile',
};

function Page({ route, user }: { route: Route; user: SessionUser }) {
  switch (route.page) {
    case 'drives':
      return <DrivesPage me={user} />;
    case 'files':
      return <FilesPage key={`${route.driveId}/${route.folderId}`} driveId={route.driveId} folderId={route.folderId} />;
    case 'bin':
      return <BinPage key={`${route.driveId}/${route.folderId ?? ''}`} driveId={route.driveId} folderId={route.folderId} me={user} />;
    case 'settings':
      return <SettingsPage key={route.driveId} driveId={route.driveId} me={user} />;
    case 'members':
      return <MembersPage key={route.driveId} driveId={route.driveId} me={user} />;
    case 'jobs':
      return <JobsPage me={user} />;
    case 'audit':
      return <AuditPage me={user} />;
    case 'users':
      return <UsersPage me={user} />;
    case 'profile':
      return <ProfilePage me={user} />;
  }
}

/** Session state and routing: the sign-in page until /v1/auth/session names a user. */
export function App() {
  const route = useRoute();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [signingOut, runSignOut] = useBusy();

  useEffect(() => {
    setSignedOutHandler(() => setUser(null));
    jobsApi.session().then(
      (s) => setUser(s.user),
      () => setUser(null),
    );
  }, []);

  useEffect(() => {
    document.title = user ? `${TITLES[route.page]} · Salvage` : 'Sign in · Salvage';
  }, [route.page, user]);

  const signOut = useCallback(() => {
    void runSignOut(async () => {
      try {
        await jobsApi.logout();
      } finally {
        setUser(null);
      }
    });
  }, [runSignOut]);

  if (user === undefined) return <Skeleton label="Loading" />;
  if (user === null) return <SignInPage onSignedIn={setUser} />;
  return (
    <Layout user={user} route={route} onSignOut={signOut} signingOut={signingOut}>
      <Page route={route} user={user} />
    </Layout>
  );
}
