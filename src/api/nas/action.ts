import type { Salvage } from '../../core/salvage.js';
import type { Actor } from '../../core/types.js';
import type { NasParams } from './params.js';
import type { NasBody } from './render.js';

/** What a handler works with: the core, who signed the request, and the configured region. */
export interface NasCall {
  salvage: Salvage;
  actor: Actor;
  regionId: string;
}

/**
 * One NAS action: `parse` checks every parameter and names the bad one, `run` calls the
 * core, `render` shapes the answer (without RequestId, which the pipeline adds).
 */
export interface NasAction<Input, Output> {
  parse(params: NasParams): Input;
  run(call: NasCall, input: Input): Promise<Output>;
  render(output: Output, input: Input): NasBody;
}

/** Declares an action with its types inferred from `parse` and `run`. */
export const nasAction = <Input, Output>(action: NasAction<Input, Output>): NasAction<Input, Output> => action;
