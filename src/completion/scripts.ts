/**
 * Completion scripts for bash, zsh and fish, rendered from a ProgramSpec. `--events` completes event
 * types and their families (`meeting.*`), after the last comma of a list.
 */
import { EVENT_TYPES } from '../simulator/event-types.js';
import type { CommandSpec, FlagSpec, ProgramSpec, Value } from './spec.js';

/** Event types plus one `family.*` glob per family, sorted. */
export function eventWords(): string[] {
  const families = new Set(EVENT_TYPES.filter((t) => t.includes('.')).map((t) => `${t.split('.')[0]}.*`));
  return [...families, ...EVENT_TYPES].sort();
}

const fnName = (program: string) => `_${program.replace(/\W/g, '_')}`;

/** Single-quoted for the POSIX shells. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function bashScript(spec: ProgramSpec): string {
  const fn = fnName(spec.name);
  const words = (flags: FlagSpec[]) => flags.flatMap((f) => f.names).join(' ');
  const complete = (value: Value): string => {
    if (value === 'events') return `${fn}_events`;
    if (value === 'file') return `${fn}_files`;
    if (Array.isArray(value)) return `${fn}_words ${sq(value.join(' '))}`;
    return ':';
  };
  const command = (c: CommandSpec) => {
    // One case per way of completing: `--output|--env-file) files`.
    const byAction = new Map<string, string[]>();
    for (const f of c.flags.filter((f) => f.value !== 'none')) byAction.set(complete(f.value), [...(byAction.get(complete(f.value)) ?? []), ...f.names]);
    const cases = [...byAction].map(([action, names]) => `        ${names.join('|')}) ${action} ;;`);
    return [
      `    ${c.name})`,
      '      case "$prev" in',
      ...cases,
      `        *) if [[ "$cur" == -* ]]; then ${fn}_words ${sq(words(c.flags))}; else ${complete(c.positional)}; fi ;;`,
      '      esac ;;',
    ].join('\n');
  };
  const top = [...spec.commands.map((c) => c.name), ...spec.flags.flatMap((f) => f.names)].join(' ');
  return `# bash completion for ${spec.name}. Load it with: eval "$(${spec.name} completion bash)"
# or save it as ~/.local/share/bash-completion/completions/${spec.name}
${fn}_event_words=${sq(eventWords().join(' '))}

${fn}_words() {
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

${fn}_files() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

# --events takes a comma-separated list: complete the part after the last comma.
${fn}_events() {
  local prefix=""
  [[ "$cur" == *,* ]] && prefix="\${cur%,*},"
  mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$${fn}_event_words" -- "\${cur##*,}")
}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" i
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --flag=value: bash splits at "=".
  if [[ "$prev" == "=" ]] && (( COMP_CWORD > 1 )); then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ "\${COMP_WORDS[i]}" != -* ]]; then cmd="\${COMP_WORDS[i]}"; break; fi
  done
  COMPREPLY=()
  case "$cmd" in
    '') ${fn}_words ${sq(top)} ;;
${spec.commands.map(command).join('\n')}
  esac
  return 0
}

complete -F ${fn} ${spec.name}
`;
}

export function zshScript(spec: ProgramSpec): string {
  const fn = fnName(spec.name);
  const desc = (s: string) => s.replace(/\\/g, '\\\\').replace(/([[\]])/g, '\\$1').replace(/\n/g, ' ');
  const action = (value: Value, label: string): string => {
    if (value === 'none') return '';
    if (value === 'events') return `:event types:${fn}_events`;
    if (value === 'file') return `:${label}:_files`;
    if (Array.isArray(value)) return `:${label}:(${value.join(' ')})`;
    return `:${label}: `;
  };
  const flag = (f: FlagSpec) => {
    const label = f.names[0]!.replace(/^-+/, '');
    const body = `[${desc(f.description)}]${action(f.value, label)}`;
    // A value may follow in the same word too, as commander allows: `--events=meeting.*`, `-xVALUE`.
    const names = f.names.map((n) => (f.value === 'none' ? n : n.startsWith('--') ? `${n}=` : `${n}+`));
    return f.names.length === 1 ? sq(`${names[0]}${body}`) : `${sq(`(${f.names.join(' ')})`)}{${names.join(',')}}${sq(body)}`;
  };
  const positional = (value: Value) => (value === 'none' ? [] : [sq(`*${action(value, 'argument')}`)]);
  const command = (c: CommandSpec) =>
    `        (${c.name})\n          _arguments -s -S \\\n            ${[...c.flags.map(flag), ...positional(c.positional)].join(' \\\n            ')} ;;`;
  return `#compdef ${spec.name}
# zsh completion for ${spec.name}. Load it with: eval "$(${spec.name} completion zsh)" (after compinit),
# or save it as ${fn} in a directory on $fpath.

${fn}_events() {
  local -a types
  types=(${eventWords().map(sq).join(' ')})
  # --events takes a comma-separated list: complete the part after the last comma.
  compset -P '*,'
  compadd -S '' -- $types
}

${fn}() {
  local curcontext="$curcontext" state line
  local -a commands
  commands=(
${spec.commands.map((c) => `    ${sq(`${c.name}:${c.description}`)}`).join('\n')}
  )
  _arguments -C \\
    ${spec.flags.map(flag).join(' \\\n    ')} \\
    '1: :->command' \\
    '*:: :->args'
  case $state in
    (command) _describe -t commands '${spec.name} command' commands ;;
    (args)
      case $words[1] in
${spec.commands.map(command).join('\n')}
      esac ;;
  esac
}

if [[ "$funcstack[1]" == "${fn}" ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${spec.name}
fi
`;
}

export function fishScript(spec: ProgramSpec): string {
  const fn = `_${fnName(spec.name)}`;
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const c = `complete -c ${spec.name}`;
  const flagArgs = (f: FlagSpec) => {
    const names = f.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : n.length === 2 ? `-s ${n.slice(1)}` : `-o ${n.slice(1)}`)).join(' ');
    const value = f.value === 'none' ? '' : f.value === 'events' ? ` -x -a '(${fn}_events)'` : f.value === 'file' ? ' -r -F' : Array.isArray(f.value) ? ` -x -a ${q(f.value.join(' '))}` : ' -x';
    return `${names}${value}${f.description ? ` -d ${q(f.description)}` : ''}`;
  };
  const lines = [
    `# fish completion for ${spec.name}. Load it with: ${spec.name} completion fish | source`,
    `# or save it as ~/.config/fish/completions/${spec.name}.fish`,
    `function ${fn}_events`,
    `    # --events takes a comma-separated list: complete the part after the last comma.`,
    `    set -l token (string replace -r -- '^--events=' '' (commandline -ct))`,
    `    set -l prefix (string match -r -- '^.*,' $token)`,
    `    for type in ${eventWords().map(q).join(' ')}`,
    `        echo "$prefix$type"`,
    `    end`,
    `end`,
    `${c} -f`,
    ...spec.flags.map((f) => `${c} -n __fish_use_subcommand ${flagArgs(f)}`),
    ...spec.commands.map((cmd) => `${c} -n __fish_use_subcommand -a ${cmd.name} -d ${q(cmd.description)}`),
  ];
  for (const cmd of spec.commands) {
    const when = `-n '__fish_seen_subcommand_from ${cmd.name}'`;
    lines.push(...cmd.flags.map((f) => `${c} ${when} ${flagArgs(f)}`));
    if (cmd.positional === 'file') lines.push(`${c} ${when} -F`);
    else if (Array.isArray(cmd.positional)) lines.push(`${c} ${when} -a ${q(cmd.positional.join(' '))}`);
  }
  return lines.join('\n') + '\n';
}
