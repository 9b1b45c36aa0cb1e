import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');
export const fixtureLines = (name: string) => fixtureText(name).split('\n').filter(Boolean);

/** ANSI SGR codes as `{n}` tags so colour goldens are readable and exact. */
export const tags = (s: string) => s.replace(/\u001b\[([0-9;]+)m/g, '{$1}');
