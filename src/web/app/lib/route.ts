import { useEffect, useState } from 'react';

/**
 * The app's routes live in the URL hash (`#/drive/<id>/files/<folder>`), so the server
 * only serves index.html and files, and back/forward and bookmarks work.
 */
export type Route =
  | { page: 'drives' }
  | { page: 'files'; driveId: string; folderId: string }
  | { page: 'bin'; driveId: string; folderId?: string }
  | { page: 'settings'; driveId: string }
  | { page: 'members'; driveId: string }
  | { page: 'jobs' }
  | { page: 'audit' }
  | { page: 'users' }
  | { page: 'profile' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'jobs') return { page: 'jobs' };
  if (parts[0] === 'audit') return { page: 'audit' };
  if (parts[0] === 'users') return { page: 'users' };
  if (parts[0] === 'profile') return { page: 'profile' };
  if (parts[0] === 'drive' && parts[1]) {
    const driveId = parts[1];
    if (parts[2] === 'files') return { page: 'files', driveId, folderId: parts[3] || 'root' };
    if (parts[2] === 'bin') return { page: 'bin', driveId, folderId: parts[3] || undefined };
    if (parts[2] === 'settings') return { page: 'settings', driveId };
    if (parts[2] === 'members') return { page: 'members', driveId };
  }
  return { page: 'drives' };
}

export function hrefOf(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'drives':
      return '#/';
    case 'jobs':
      return '#/jobs';
    case 'audit':
      return '#/audit';
    case 'users':
      return '#/users';
    case 'profile':
      return '#/profile';
    case 'files':
      return `#/drive/${e(route.driveId)}/files/${e(route.folderId)}`;
    case 'bin':
      return `#/drive/${e(route.driveId)}/bin${route.folderId ? `/${e(route.folderId)}` : ''}`;
    case 'settings':
      return `#/drive/${e(route.driveId)}/settings`;
    case 'members':
      return `#/drive/${e(route.driveId)}/members`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
