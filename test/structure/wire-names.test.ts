import { describe, expect, it } from 'vitest';
import { toJobsError } from '../../src/api/jobs/errors.js';
import { toNasError } from '../../src/api/nas/errors.js';
import { toPdsError } from '../../src/api/pds/errors.js';
import { DomainError, missingInput, outOfRange } from '../../src/core/errors.js';

/**
 * The core names its own fields; each dialect's catalogue says them in its wire names and
 * writes the text. One core error, three answers.
 */
describe('each dialect words the core errors in its own names', () => {
  const forgedToken = new DomainError('InvalidPageToken', 'token is not one this server issued', { field: 'token' });
  const limit = outOfRange('limit', { min: 1, max: 1000 });
  const noDrive = new DomainError('DriveNotFound', 'drive d1 does not exist', { id: 'd1', field: 'driveId' });

  it('NAS', () => {
    expect(toNasError(forgedToken).error).toMatchObject({ code: 'InvalidParameter.InvalidNextToken', message: 'The specified NextToken is invalid.' });
    expect(toNasError(limit).error).toMatchObject({ code: 'InvalidParameter', message: 'The parameter MaxResults must be an integer from 1 to 1000.' });
    expect(toNasError(missingInput('reservedDays')).error).toMatchObject({ code: 'MissingReservedDays', status: 400 });
    // The vendor's text for InvalidFileSystem.NotFound names no id.
    expect(toNasError(noDrive).error).toMatchObject({ status: 404, message: 'The specified file system does not exist.' });
  });

  it('PDS', () => {
    expect(toPdsError(forgedToken)).toEqual({ status: 400, code: 'InvalidParameter', message: 'The specified marker is invalid.' });
    expect(toPdsError(limit)).toEqual({ status: 400, code: 'InvalidParameter', message: 'The input parameter limit must be an integer from 1 to 1000.' });
    expect(toPdsError(missingInput('parentId'))).toMatchObject({ code: 'InvalidParameterMissing', message: 'The input parameter parent_file_id is missing.' });
    expect(toPdsError(noDrive)).toMatchObject({ status: 404, code: 'NotFound.Drive', message: 'The specified drive d1 does not exist. (field drive_id)' });
  });

  it('Jobs', () => {
    expect(toJobsError(limit)).toMatchObject({ status: 400, code: 'InvalidRequest', details: 'parameter: pageSize' });
    expect(toJobsError(noDrive)).toMatchObject({ status: 404, code: 'DriveNotFound', details: 'parameter: driveId, id: d1' });
    expect(toJobsError(new DomainError('JobNotFound', '', { id: '7', field: 'jobId' }))?.message).toBe('The specified JobId(7) does not exist.');
  });

  it('says nothing a core message says: the text is the catalogue\'s', () => {
    const secret = new DomainError('EntryNotFound', 'internal wording', { id: 'e1', field: 'fileId' });
    for (const message of [toNasError(secret).error.message, toPdsError(secret)?.message, toJobsError(secret)?.message]) {
      expect(message).toContain('e1');
      expect(message).not.toContain('internal wording');
    }
  });
});
