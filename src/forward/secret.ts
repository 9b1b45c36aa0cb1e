/**
 * The webhook secret token that signs deliveries: `--secret-token-file`, else env ZOOM_WEBHOOK_SECRET_TOKEN,
 * else the same name in .env or --env-file (where Zoom's sample apps keep it), read as core/config reads it.
 * Never a flag value: argv shows in `ps`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnvFile } from '../core/config.js';
import { addSecret } from '../core/redact.js';
import { ExitCode, UserError } from '../exit-codes.js';

export const SECRET_ENV = 'ZOOM_WEBHOOK_SECRET_TOKEN';

export interface SecretToken {
  value: string;
  source: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${path}: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`, ExitCode.usage);
  }
}

export function readSecretToken(opts: { secretTokenFile?: string; envFile?: string }, env: NodeJS.ProcessEnv, cwd: string): SecretToken | undefined {
  let found: SecretToken | undefined;
  if (opts.secretTokenFile !== undefined) {
    const text = readText(resolve(cwd, opts.secretTokenFile));
    if (text === undefined) throw new UserError(`cannot read --secret-token-file ${opts.secretTokenFile}: no such file`, ExitCode.usage);
    // `echo token > file` adds a newline; a secret token never contains whitespace.
    const value = text.trim();
    if (!value) throw new UserError(`--secret-token-file ${opts.secretTokenFile} is empty`, ExitCode.usage, "paste the Secret Token from your app's Features page");
    found = { value, source: opts.secretTokenFile };
  } else if (env[SECRET_ENV]?.trim()) {
    found = { value: env[SECRET_ENV].trim(), source: SECRET_ENV };
  } else {
    const value = loadEnvFile(cwd, opts.envFile).values[SECRET_ENV]?.trim();
    if (value) found = { value, source: `${SECRET_ENV} in ${opts.envFile ?? '.env'}` };
  }
  // Redacted from every line zoomws prints from now on.
  addSecret(found?.value);
  return found;
}
