/**
 * One jq-wasm instance. A trap (printing a value nested ~600 deep) poisons the instance for every
 * later call, so a call that throws reloads the engine and reports the trap instead of throwing.
 */
import { loadJq, type Jq } from 'jq-wasm';

export interface JqCall {
  stdout: string; // jq-wasm trims surrounding whitespace: callers run jq in JSON mode only
  stderr: string;
  exitCode: number;
  trap?: string; // set when the instance trapped; stdout/stderr are then empty
}

export class JqEngine {
  private constructor(private jq: Jq) {}

  static async load(): Promise<JqEngine> {
    return new JqEngine(await loadJq());
  }

  async run(input: string, program: string, flags: string[]): Promise<JqCall> {
    try {
      return this.jq.raw(input, program, flags);
    } catch (err) {
      this.jq = await loadJq();
      return { stdout: '', stderr: '', exitCode: 5, trap: (err as Error)?.message ?? String(err) };
    }
  }
}
