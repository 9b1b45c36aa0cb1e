/**
 * Proxy variables in effect: the ones people forget they exported, shown without passwords.
 * Which proxy a request takes is core/proxy.ts's decision (the same as connect's).
 */
import { hideCredentials } from '../core/redact.js';

const NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'] as const;

/** Every proxy variable set (in any case), plus --proxy, passwords hidden. */
export function proxySettings(env: NodeJS.ProcessEnv, flag?: string): Record<string, string> {
  const found: Record<string, string> = {};
  if (flag) found['--proxy'] = hideCredentials(flag);
  for (const name of NAMES) {
    const v = env[name];
    if (v !== undefined && v !== '') found[name] = hideCredentials(v);
  }
  return found;
}
