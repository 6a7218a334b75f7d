import { systemPrograms } from '../../support/system-deps.js';

export const LITMUS = '/usr/bin/litmus';
export const RCLONE = '/usr/bin/rclone';
export const CADAVER = '/usr/bin/cadaver';

/** Whether the real WebDAV clients are installed (SALVAGE_TEST_WEBDAV=required makes them a must). */
export const hasWebdavClients = (suite: string): boolean =>
  systemPrograms({ env: 'WEBDAV', paths: [LITMUS, RCLONE, CADAVER], packages: 'litmus rclone cadaver', suite });
