/**
 * `zoomws completion`: the scripts the built CLI prints, each driven by its real shell and checked for the
 * exact candidates it offers.
 * - bash: the function runs with COMP_WORDS/COMP_CWORD set the way bash sets them, then COMPREPLY is read.
 * - fish: `fish --no-config` sources the script, then `complete -C 'zoomws …'` lists what fish would offer.
 * - zsh: an interactive zsh runs in a zpty with compinit loaded and the script eval'ed (or autoloaded from
 *   $fpath); each command line is typed and completed by a TAB bound to the real completion system
 *   (_main_complete). A compadd wrapper records what would replace the word: the matching words with their
 *   prefixes (IPREFIX, -P, -p) and a / on directories (the zsh-capture-completion technique).
 * zsh and fish are Debian packages: test/global-setup.ts installs them when missing; never skipped.
 * zsh and fish candidates are compared sorted, as both shells list them.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { eventWords } from '../../src/completion/scripts.js';
import { EVENT_TYPES } from '../../src/simulator/event-types.js';
import { ROOT, runCli } from '../helpers/cli.js';

async function script(shell: string): Promise<string> {
  const run = runCli(['completion', shell]);
  const { code } = await run.exit;
  expect(code).toBe(0);
  expect(run.stderr()).toBe('');
  return run.stdout();
}

/** Every single-quoted string closes on its line (none of our words or descriptions spans lines). */
function balancedQuotes(text: string, escape: RegExp): void {
  for (const line of text.split('\n')) expect((line.replace(escape, '').match(/'/g) ?? []).length % 2, line).toBe(0);
}

const commandNames = () => buildProgram().commands.map((c) => c.name()).sort();

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zoomws-completion-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    // `--set <path=value>` takes a JSON path, not a file.
    expect(complete('trigger', '--set', '')).toEqual([]);
    // trigger's event type: one concrete type (no families), the ones it has samples for.
    expect(complete('trigger', 'meeting.st')).toEqual(['meeting.started']);
    expect(complete('trigger', '')).toEqual([...EVENT_TYPES]);
  });

  it('completes event types and families after the last comma of --events', () => {
    expect(complete('connect', '--events', 'meeting.st')).toEqual(['meeting.started']);
    expect(complete('tail', '--events', 'recording.completed,meeting.e')).toEqual(['recording.completed,meeting.ended']);
    expect(complete('connect', '--events', 'phone.*,webinar.')).toContain('phone.*,webinar.*');
    expect(complete('connect', '--events', '=', 'zoomroom.che')).toEqual(['zoomroom.checked_in', 'zoomroom.checked_out']);
    expect(complete('filter', '--events', '')).toHaveLength(EVENT_TYPES.length + new Set(EVENT_TYPES.filter((t) => t.includes('.')).map((t) => t.split('.')[0])).size);
  });
});

/** Runs in the interactive zsh: compinit, the script, and a TAB that completes and records the candidates. */
const ZSH_INIT = `
PS1='' RPS1=''
bindkey -e
[[ -n $ZC_FPATH ]] && fpath=($ZC_FPATH $fpath)
autoload -Uz compinit && compinit -u -D
[[ -n $ZC_SCRIPT ]] && eval "$(<$ZC_SCRIPT)"
zstyle ':completion:*' insert-tab false
zmodload zsh/zutil
# Every candidate the completion functions add, as it would replace the word on the line.
compadd() {
  local -A o
  zparseopts -E -A o P: p: S: s: i: I: W: d: J: V: X: x: r: R: M: F: E: O: A: D: o:: a k l 1 2 n q Q f e U C
  # Calls that only ask which words match (-O, -A, -D) add nothing: pass them through.
  if (( $+o[-O] || $+o[-A] || $+o[-D] )); then builtin compadd "$@"; return; fi
  local -a hits; local hit
  builtin compadd -O hits "$@"
  for hit in $hits; do
    [[ $+o[-f] == 1 && -d \${o[-W]:+\${o[-W]%/}/}$hit ]] && hit+=/
    print -r -- "$IPREFIX$o[-P]$o[-p]$hit" >> $ZC_OUT
  done
  builtin compadd "$@"
}
# Complete for real, but insert and list nothing, so the next line starts afresh.
_zc_complete() { _main_complete 2>> $ZC_ERR; local ret=$?; compstate[insert]=''; compstate[list]=''; return ret }
zle -C zc-complete complete-word _zc_complete
zc-tab() { zle zc-complete; BUFFER=''; print -r -- '<<end>>' }
zle -N zc-tab
bindkey '^I' zc-tab
`;

/** Reads command lines on stdin, types each with a TAB into the zpty and answers the candidates, then `<<end>>`. */
const ZSH_DRIVE = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source \${(q)1}"
while IFS= read -r line; do
  : >| $ZC_OUT; : >| $ZC_ERR
  zpty -w -n z "$line"$'\\t'
  zpty -r z reply '*<<end>>*' || exit 2
  cat $ZC_OUT
  sed 's/^/error: /' $ZC_ERR
  print -r -- '<<end>>'
done
zpty -d z
`;

/** An interactive zsh with the completion system and the script loaded; `complete('con')` completes `zoomws con`. */
function zshSession(load: { script: string } | { fpath: string }) {
  const home = mkdtempSync(join(dir, 'zsh-'));
  writeFileSync(join(home, 'init.zsh'), ZSH_INIT);
  writeFileSync(join(home, 'drive.zsh'), ZSH_DRIVE);
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    ZC_OUT: join(home, 'out'),
    ZC_ERR: join(home, 'err'),
    ...('script' in load ? { ZC_SCRIPT: load.script } : { ZC_FPATH: load.fpath }),
  };
  const proc: ChildProcessWithoutNullStreams = spawn('zsh', ['-f', join(home, 'drive.zsh'), join(home, 'init.zsh')], { cwd: ROOT, env });
  let out = '';
  let err = '';
  const waiting: { resolve: (lines: string[]) => void; reject: (e: Error) => void }[] = [];
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (let end = out.indexOf('<<end>>\n'); end >= 0; end = out.indexOf('<<end>>\n')) {
      waiting.shift()?.resolve(out.slice(0, end).split('\n').filter(Boolean).sort());
      out = out.slice(end + '<<end>>\n'.length);
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  proc.on('close', (code) => waiting.splice(0).forEach((w) => w.reject(new Error(`zsh exited (${code}): ${err}${out}`))));
  return {
    complete: (line: string) =>
      new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no completion for ${line} in 5 s: ${err}${out}`)), 5000);
        waiting.push({ resolve: (lines) => (clearTimeout(timer), resolve(lines)), reject: (e) => (clearTimeout(timer), reject(e)) });
        proc.stdin.write(`zoomws ${line}\n`);
      }),
    close: () => new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : (proc.once('close', () => resolve()), proc.stdin.end()))),
  };
}

describe('zsh', () => {
  let zsh = '';
  let session: ReturnType<typeof zshSession>;
  beforeAll(async () => {
    zsh = await script('zsh');
    writeFileSync(join(dir, 'zoomws.zsh'), zsh);
    session = zshSession({ script: join(dir, 'zoomws.zsh') });
  });
  afterAll(() => session?.close());
  const complete = (line: string) => session.complete(line);

  it('is valid zsh: a #compdef function that registers itself when eval-ed', () => {
    expect(spawnSync('zsh', ['-n'], { input: zsh }).status).toBe(0);
    expect(zsh.startsWith('#compdef zoomws\n')).toBe(true);
    expect(zsh).toMatch(/\n  compdef _zoomws zoomws\nfi\n$/);
    balancedQuotes(zsh, /'\\''/g);
  });

  it('completes commands and their flags', async () => {
    expect(await complete('con')).toEqual(['connect']);
    expect(await complete('connect --ev')).toEqual(['--events']);
    expect(await complete('tail --fol')).toEqual(['--follow']);
    expect(await complete('filter --on-')).toEqual(['--on-invalid']);
    expect(await complete('--ver')).toEqual(['--version']);
    expect(await complete('-')).toEqual(['--help', '--version', '-V', '-h']);
    expect(await complete('')).toEqual(commandNames());
    expect(await complete('f')).toEqual(['filter', 'forward']);
    expect(await complete('completion -')).toEqual(['--help', '-h']);
  });

  it('completes choices, positional choices and files', async () => {
    expect(await complete('connect --log-format ')).toEqual(['json', 'text']);
    expect(await complete('connect --log-format=')).toEqual(['--log-format=json', '--log-format=text']);
    expect(await complete('tail --color a')).toEqual(['always', 'auto']);
    expect(await complete('completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(await complete('filter . --on-invalid s')).toEqual(['skip']);
    expect(await complete('connect --ca-file test/fixtures/tls/c')).toEqual(['test/fixtures/tls/cert.pem']);
    expect(await complete('tail --file=test/fixtures/tls/')).toEqual(['--file=test/fixtures/tls/cert.pem', '--file=test/fixtures/tls/key.pem']);
    expect(await complete('tail test/fixtures/t')).toEqual(['test/fixtures/tls/']);
    expect(await complete('connect --max-events ')).toEqual([]);
    expect(await complete('trigger --set ')).toEqual([]);
    expect(await complete('trigger ')).toEqual([...EVENT_TYPES].sort());
    expect(await complete('trigger meeting.st')).toEqual(['meeting.started']);
  });

  it('completes event types and families after the last comma of --events', async () => {
    expect(await complete('connect --events meeting.st')).toEqual(['meeting.started']);
    expect(await complete('tail --events recording.completed,meeting.e')).toEqual(['recording.completed,meeting.ended']);
    expect(await complete('connect --events phone.*,webinar.')).toEqual(eventWords().filter((w) => w.startsWith('webinar.')).map((w) => `phone.*,${w}`).sort());
    expect(await complete('connect --events=zoomroom.che')).toEqual(['--events=zoomroom.checked_in', '--events=zoomroom.checked_out']);
    expect(await complete('tail --events=recording.completed,meeting.e')).toEqual(['--events=recording.completed,meeting.ended']);
    expect(await complete('filter --events ')).toEqual(eventWords().sort());
  });

  it('works the same when autoloaded from $fpath as _zoomws', async () => {
    const fpath = join(dir, 'fpath');
    mkdirSync(fpath);
    writeFileSync(join(fpath, '_zoomws'), zsh);
    const autoloaded = zshSession({ fpath });
    try {
      expect(await autoloaded.complete('con')).toEqual(['connect']);
      expect(await autoloaded.complete('tail --events=recording.completed,meeting.e')).toEqual(['--events=recording.completed,meeting.ended']);
      expect(await autoloaded.complete('completion ')).toEqual(['bash', 'fish', 'zsh']);
    } finally {
      await autoloaded.close();
    }
  });
});

describe('fish', () => {
  let fish = '';
  let file = '';
  beforeAll(async () => {
    fish = await script('fish');
    // A file, not stdin: fish 3.6 cannot `source` the socket node gives a child as stdin.
    writeFileSync((file = join(dir, 'zoomws.fish')), fish);
  });
  /** What fish offers for `zoomws <line>` once the script is sourced (candidates only, sorted). */
  const complete = (line: string) => {
    const env = { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), LANG: 'C.UTF-8' };
    const run = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C"zoomws $argv[2]"', file, line], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return run.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort();
  };

  it('is valid fish: one `complete` line per command and flag, and a function for --events', () => {
    expect(spawnSync('fish', ['--no-execute', file]).status).toBe(0);
    const body = fish.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith(' ') && !/^(function|end)\b/.test(l));
    for (const l of body) expect(l).toMatch(/^complete -c zoomws /);
    balancedQuotes(fish, /\\'/g);
  });

  it('completes commands and their flags', () => {
    expect(complete('con')).toEqual(['connect']);
    expect(complete('connect --ev')).toEqual(['--events']);
    expect(complete('tail --fol')).toEqual(['--follow']);
    expect(complete('filter --on-')).toEqual(['--on-invalid']);
    expect(complete('--ver')).toEqual(['--version']);
    expect(complete('-')).toEqual(['--help', '--version', '-V', '-h']);
    expect(complete('')).toEqual(commandNames());
    expect(complete('f')).toEqual(['filter', 'forward']);
    expect(complete('completion -')).toEqual(['--help', '-h']);
  });

  it('completes choices, positional choices and files', () => {
    expect(complete('connect --log-format ')).toEqual(['json', 'text']);
    expect(complete('connect --log-format=')).toEqual(['--log-format=json', '--log-format=text']);
    expect(complete('tail --color a')).toEqual(['always', 'auto']);
    expect(complete('completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('filter . --on-invalid s')).toEqual(['skip']);
    expect(complete('connect --ca-file test/fixtures/tls/c')).toEqual(['test/fixtures/tls/cert.pem']);
    expect(complete('tail --file=test/fixtures/tls/')).toEqual(['--file=test/fixtures/tls/cert.pem', '--file=test/fixtures/tls/key.pem']);
    expect(complete('tail test/fixtures/t')).toEqual(['test/fixtures/tls/']);
    expect(complete('connect --max-events ')).toEqual([]);
    expect(complete('trigger --set ')).toEqual([]);
    expect(complete('trigger ')).toEqual([...EVENT_TYPES].sort());
    expect(complete('trigger meeting.st')).toEqual(['meeting.started']);
    expect(complete('connect ')).toEqual([]);
  });

  it('completes event types and families after the last comma of --events', () => {
    expect(complete('connect --events meeting.st')).toEqual(['meeting.started']);
    expect(complete('tail --events recording.completed,meeting.e')).toEqual(['recording.completed,meeting.ended']);
    expect(complete('connect --events phone.*,webinar.')).toEqual(eventWords().filter((w) => w.startsWith('webinar.')).map((w) => `phone.*,${w}`).sort());
    expect(complete('connect --events=zoomroom.che')).toEqual(['--events=zoomroom.checked_in', '--events=zoomroom.checked_out']);
    expect(complete('tail --events=recording.completed,meeting.e')).toEqual(['--events=recording.completed,meeting.ended']);
    expect(complete('filter --events ')).toEqual(eventWords().sort());
  });
});
