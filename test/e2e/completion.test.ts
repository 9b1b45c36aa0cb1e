/**
 * `zoomws completion`: the scripts the built CLI prints. The bash one is parsed by bash and driven the way
 * bash drives it (COMP_WORDS/COMP_CWORD, then the function fills COMPREPLY); zsh and fish are not installed
 * here, so their scripts are checked for structure (and parsed when the shell exists).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { EVENT_TYPES } from '../../src/simulator/event-types.js';
import { ROOT, runCli } from '../helpers/cli.js';

async function script(shell: string): Promise<string> {
  const run = runCli(['completion', shell]);
  const { code } = await run.exit;
  expect(code).toBe(0);
  expect(run.stderr()).toBe('');
  return run.stdout();
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Every single-quoted string closes on its line (none of our words or descriptions spans lines). */
function balancedQuotes(text: string, escape: RegExp): void {
  for (const line of text.split('\n')) expect((line.replace(escape, '').match(/'/g) ?? []).length % 2, line).toBe(0);
}

describe('bash', () => {
  let bash = '';
  beforeAll(async () => {
    bash = await script('bash');
  });
  /** What bash would offer for this command line (the last word is the one being completed). */
  const complete = (...words: string[]) =>
    execFileSync('bash', ['-c', `${bash}\nCOMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _zoomws; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', 'zoomws', ...words], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);

  it('is valid bash', () => {
    expect(spawnSync('bash', ['-n'], { input: bash }).status).toBe(0);
    expect(bash).toMatch(/\ncomplete -F _zoomws zoomws\n$/);
  });

  it('completes commands and their flags', () => {
    expect(complete('con')).toEqual(['connect']);
    expect(complete('connect', '--ev')).toEqual(['--events']);
    expect(complete('tail', '--fol')).toEqual(['--follow']);
    expect(complete('filter', '--on-')).toEqual(['--on-invalid']);
    expect(complete('--ver')).toEqual(['--version']);
    for (const cmd of buildProgram().commands) expect(complete(cmd.name().slice(0, 3))).toContain(cmd.name());
    expect(complete('f')).toEqual(['filter', 'forward']);
  });

  it('completes choices, positional choices and files', () => {
    expect(complete('connect', '--log-format', '')).toEqual(['text', 'json']);
    expect(complete('tail', '--color', 'a')).toEqual(['auto', 'always']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('filter', '.', '--on-invalid', 's')).toEqual(['skip']);
    expect(complete('connect', '--ca-file', 'test/fixtures/tls/c')).toEqual(['test/fixtures/tls/cert.pem']);
    expect(complete('connect', '--max-events', '')).toEqual([]);
  });

  it('completes event types and families after the last comma of --events', () => {
    expect(complete('connect', '--events', 'meeting.st')).toEqual(['meeting.started']);
    expect(complete('tail', '--events', 'recording.completed,meeting.e')).toEqual(['recording.completed,meeting.ended']);
    expect(complete('connect', '--events', 'phone.*,webinar.')).toContain('phone.*,webinar.*');
    expect(complete('connect', '--events', '=', 'zoomroom.che')).toEqual(['zoomroom.checked_in', 'zoomroom.checked_out']);
    expect(complete('filter', '--events', '')).toHaveLength(EVENT_TYPES.length + new Set(EVENT_TYPES.filter((t) => t.includes('.')).map((t) => t.split('.')[0])).size);
  });
});

describe('zsh', () => {
  it('is a #compdef function with an _arguments spec per command and event completion for --events', async () => {
    const zsh = await script('zsh');
    expect(zsh.startsWith('#compdef zoomws\n')).toBe(true);
    for (const cmd of buildProgram().commands) expect(zsh).toContain(`\n        (${cmd.name()})\n          _arguments -s -S \\\n`);
    expect(zsh).toContain(`'--events[only these events, comma-separated globs (e.g. '\\''meeting.*,recording.completed'\\'')]:event types:_zoomws_events'`);
    expect(zsh).toContain(`'--log-format[status lines on stderr as text or JSON objects]:log-format:(text json)'`);
    expect(zsh).toContain("'*:argument:(bash zsh fish)'");
    expect(zsh).toContain("'meeting.*' 'meeting.alert'");
    expect(zsh).toMatch(/\n  compdef _zoomws zoomws\nfi\n$/);
    balancedQuotes(zsh, /'\\''/g);
    if (has('zsh')) expect(spawnSync('zsh', ['-n'], { input: zsh }).status).toBe(0);
  });
});

describe('fish', () => {
  it('is one `complete` line per command and flag, with --events completed by a function', async () => {
    const fish = await script('fish');
    const lines = fish.split('\n').filter(Boolean);
    const body = lines.filter((l) => !l.startsWith('#') && !l.startsWith(' ') && !/^(function|end)\b/.test(l));
    for (const l of body) expect(l).toMatch(/^complete -c zoomws /);
    for (const cmd of buildProgram().commands) expect(fish).toContain(`complete -c zoomws -n __fish_use_subcommand -a ${cmd.name()} -d `);
    expect(fish).toContain(`complete -c zoomws -n '__fish_seen_subcommand_from connect' -l events -x -a '(__zoomws_events)' -d `);
    expect(fish).toContain(`complete -c zoomws -n '__fish_seen_subcommand_from tail' -l ca-file -r -F -d `);
    expect(fish).toContain(`complete -c zoomws -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'`);
    balancedQuotes(fish, /\\'/g);
    if (has('fish')) expect(spawnSync('fish', ['--no-execute'], { input: fish }).status).toBe(0);
  });
});
