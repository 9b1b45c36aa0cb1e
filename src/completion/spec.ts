/**
 * What a completion script needs to know, read from the commander program itself (so new commands and
 * flags complete without touching this file), plus `filter`, which parses its own jq-style arguments.
 */
import type { Command, Option } from 'commander';
import { FILTER_HELP } from '../filter/options.js';
import { EVENT_TYPES } from '../simulator/event-types.js';

/** What follows a flag or fills a positional: nothing, free text, a file, event names, or one of a few words. */
export type Value = 'none' | 'text' | 'file' | 'events' | readonly string[];

export interface FlagSpec {
  names: string[];
  description: string;
  value: Value;
}

export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  positional: Value;
}

export interface ProgramSpec {
  name: string;
  flags: FlagSpec[];
  commands: CommandSpec[];
}

function valueOf(flags: string, long: string | undefined, choices: readonly string[] | undefined, takesValue: boolean): Value {
  if (!takesValue) return 'none';
  if (choices) return choices;
  if (long === '--events') return 'events';
  // `<path>`, `<file>`, but not `--set <path=value>`, which assigns a value to a JSON path.
  return /<[^>=]*(file|path)[^>=]*>/i.test(flags) ? 'file' : 'text';
}

function flagSpec(o: Option): FlagSpec {
  return {
    names: [o.long, o.short].filter((n): n is string => !!n),
    description: o.description,
    value: valueOf(o.flags, o.long, o.argChoices, o.required || o.optional),
  };
}

/** filter's flags, from its own help text: `-c, --compact-output`, `--arg name value`, … */
function filterSpec(): CommandSpec {
  const flags = new Map<string, FlagSpec>();
  for (const [, name] of FILTER_HELP.matchAll(/(?<=^|[\s,/])(--?[A-Za-z][\w-]*)/gm)) {
    flags.set(name!, { names: [name!], description: '', value: name === '--events' ? 'events' : name === '--on-invalid' ? ['warn', 'skip', 'fail'] : 'none' });
  }
  flags.set('--help', { names: ['--help', '-h'], description: 'display help for command', value: 'none' });
  return { name: 'filter', description: 'run a jq program over NDJSON events (jq 1.8 syntax and options)', flags: [...flags.values()], positional: 'file' };
}

export function programSpec(program: Command): ProgramSpec {
  const visible = (cmd: Command) => cmd.createHelp().visibleOptions(cmd).map(flagSpec);
  // `filter` is listed in commander only for --help; its real flags come from its own help text.
  const commands = program.commands.filter((cmd) => cmd.name() !== 'filter').map((cmd): CommandSpec => {
    const arg = cmd.registeredArguments[0];
    return {
      name: cmd.name(),
      description: cmd.description(),
      flags: visible(cmd),
      positional: !arg ? 'none' : arg.argChoices ? arg.argChoices : /file|path/.test(arg.name()) ? 'file' : arg.name() === 'event-type' ? EVENT_TYPES : 'text',
    };
  });
  commands.push(filterSpec());
  commands.sort((a, b) => a.name.localeCompare(b.name));
  return { name: program.name(), flags: visible(program), commands };
}
