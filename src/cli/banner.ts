/** Where each part of a node is reached, as the start-up banner and the ready log line name them. */
export function endpointsOf(url: string): Record<'ui' | 'pds' | 'jobs' | 'nas' | 'openapi' | 'apiReference' | 'metrics', string> {
  return {
    ui: `${url}/ui/`,
    pds: `${url}/v2/`,
    jobs: `${url}/v1/`,
    nas: `${url}/?Action=`,
    openapi: `${url}/openapi.json`,
    apiReference: `${url}/docs/api`,
    metrics: `${url}/metrics`,
  };
}

/** The lines `salvage serve` prints once it answers: what a newcomer needs to point a client at it. */
export function banner(url: string, startedInMs: number, notes: string[] = []): string {
  const e = endpointsOf(url);
  return [
    `Salvage is ready on ${url} (started in ${startedInMs} ms)`,
    `  Web UI:        ${e.ui}`,
    `  PDS API:       ${e.pds}`,
    `  Jobs API:      ${e.jobs}`,
    `  NAS API:       ${e.nas}<Action>`,
    `  OpenAPI:       ${e.openapi}  (reference: ${e.apiReference})`,
    `  Metrics:       ${e.metrics}`,
    ...notes.map((n) => `  ${n}`),
    '',
  ].join('\n');
}

/**
 * Writes to stdout without ever failing the server: stdout may be a file on a full disk or
 * a pipe nobody reads (issue 13 item 4), and a write error there is an 'error' event.
 */
export function printToStdout(text: string): void {
  if (process.stdout.listenerCount('error') === 0) process.stdout.on('error', () => {});
  process.stdout.write(text);
}
