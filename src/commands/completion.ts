/** `zoomws completion bash|zsh|fish`: print a completion script generated from the command surface. */
import type { Command } from 'commander';
import { bashScript, fishScript, zshScript } from '../completion/scripts.js';
import { programSpec } from '../completion/spec.js';
import { ExitCode } from '../exit-codes.js';
import type { IO } from '../io.js';

const RENDER = { bash: bashScript, zsh: zshScript, fish: fishScript };

export async function run(opts: { shell: 'bash' | 'zsh' | 'fish'; program: Command }, io: IO): Promise<number> {
  io.stdout.write(RENDER[opts.shell](programSpec(opts.program)));
  return ExitCode.ok;
}
