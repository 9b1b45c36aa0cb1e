/**
 * `zoomws doctor`: the 5-minute runbook as a command (RUNBOOK.md, docs/doctor.md). Results are the
 * command's data, so they go to stdout; notices while it runs go to stderr. Exit 1 when a check failed.
 */
import { redact } from '../core/redact.js';
import type { DoctorConfigFlags } from '../doctor/configuration.js';
import { renderJson } from '../doctor/render-json.js';
import { renderCheck, renderVerdict } from '../doctor/render-text.js';
import { runDoctor } from '../doctor/runner.js';
import type { IO } from '../io.js';
import { makeChalk, resolveColorLevel } from '../view/color.js';

export interface DoctorOptions extends DoctorConfigFlags {
  wait?: number;
  /** commander's --no-connect sets false. */
  connect?: boolean;
  json?: boolean;
  debug?: boolean;
}

export async function run(opts: DoctorOptions, io: IO): Promise<number> {
  const chalk = makeChalk(opts.json ? 0 : resolveColorLevel({ env: io.env, isTTY: io.stdout.isTTY }));
  const write = (text: string) => io.stdout.write(redact(text));
  const report = await runDoctor(
    {
      flags: opts,
      env: io.env,
      cwd: io.cwd,
      waitSec: opts.wait,
      connect: opts.connect !== false,
    },
    {
      onResult: (r) => opts.json || write(renderCheck(r, chalk)),
      notice: (text) => io.stderr.write(redact(`zoomws: ${text}`) + '\n'),
    },
  );
  write(opts.json ? renderJson(report) : renderVerdict(report, chalk));
  return report.exitCode;
}
