/**
 * Before any test file runs: the Debian tools the terminal tests drive (tmux for tail in a terminal,
 * zsh and fish for completion), installed when missing rather than skipped. Once, here, so two test
 * files never race for dpkg's lock. Needs apt-get rights (root, or sudo without a password).
 */
import { spawnSync } from 'node:child_process';

const TOOLS = ['tmux', 'zsh', 'fish'];

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export default function setup(): void {
  const missing = TOOLS.filter((c) => !has(c));
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const aptGet = (...args: string[]) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', '-o', 'DPkg::Lock::Timeout=120', ...args];
    return spawnSync(cmd!, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  const install = () => aptGet('install', '-y', '--no-install-recommends', ...missing);
  // The package lists may be missing or stale on a fresh machine: update only when the install needs it.
  if (!install() && !(aptGet('update') && install())) throw new Error(`could not install ${missing.join(', ')} with apt-get`);
}
