/**
 * Operations of the request-cost benchmark (request-cost.bench.ts), shared with the load
 * generator (load-child.ts), which runs its main on import and so cannot be imported.
 */
export type CostLoadOperation = 'get' | 'asyncTaskGet' | 'hello' | 'helloPostgres' | 'helloRead';

/** The cost operations the hello-world process serves (hello-child.ts), not the node. */
export const HELLO_OPERATIONS: readonly CostLoadOperation[] = ['hello', 'helloPostgres', 'helloRead'];
