/** The simulated company: a small built-in directory of people, topics and places, with non-ASCII and awkward characters on purpose. */
import type { Gen } from './gen.js';

export interface Person {
  id: string;
  first: string;
  last: string;
  name: string;
  email: string;
  internal: boolean;
  extension: number;
  phone: string;
  timezone: string;
}

const NAMES: readonly (readonly [string, string])[] = [
  ['Priya', 'Natarajan'], ['Amélie', 'Dubois'], ['Björn', 'Lindqvist'], ['Wei', 'Zhang'], ['Kenji', 'Tanaka'],
  ['Fatima', 'Al-Sayed'], ['Olusegun', 'Adeyemi'], ['María José', 'Fernández'], ['Liam', "O'Connor"], ['Chloé', 'Martin'],
  ['Lan', 'Nguyễn'], ['Sarah', 'Cohen'], ['Jamal', 'Washington'], ['Emily', 'Carter'], ['Lukas', 'Schmidt'],
  ['Ana', 'Sousa'], ['Raj', 'Patel'], ['Hannah', 'Kim'], ['Mateo', 'Rossi'], ['Grace', 'Okafor'],
];
const COMPANY_DOMAIN = 'northwind-labs.com';
const GUEST_DOMAINS = ['gmail.com', 'outlook.com', 'acme.example', 'globex.example', 'initech.example'];

export const TIMEZONES = [
  'America/Los_Angeles', 'America/New_York', 'Europe/Paris', 'Europe/London', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'UTC',
];
export const MEETING_TOPICS = [
  'Weekly sync', 'Q3 planning', 'Customer onboarding – Acme', "Réunion d'équipe", 'Sprint retro 🚀', 'Design review: checkout flow',
  'All-hands', 'Interview – Senior Backend Engineer', 'Budget 2025 "final" review', '週次ミーティング', 'Incident postmortem #4821', '1:1',
];
export const WEBINAR_TOPICS = ['Product launch: Northwind 2.0', 'Scaling event pipelines', 'Customer town hall – EMEA 🌍', 'Onboarding office hours'];
export const ROOMS = ['Boardroom 4A', 'Huddle – Lisbon', 'Salle Eiffel', 'Focus Room 12', '会議室 3'];
export const CHANNELS = ['eng-backend', 'design-crit', 'support-escalations', 'général', 'random 🎲'];
export const CHAT_LINES = [
  'Can everyone see my screen?', 'Link to the doc: https://docs.example/q3-plan', 'brb 5 min', 'Merci à tous 🙏',
  'Ship it 🚢', 'I think the numbers in row 12 are off', '+1 to what Priya said', 'Recording is on, FYI', 'Let\'s take this offline',
];

const ascii = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '');

/** The company directory for one stream: stable ids, emails, extensions and direct numbers. */
export function makeDirectory(g: Gen): Person[] {
  return NAMES.map(([first, last], i) => ({
    id: g.userId(),
    first,
    last,
    name: `${first} ${last}`,
    email: `${ascii(first)}.${ascii(last)}@${COMPANY_DOMAIN}`,
    internal: true,
    extension: 1001 + i,
    phone: g.phone(),
    timezone: g.pick(TIMEZONES),
  }));
}

/** Someone outside the account: no Zoom user id, a consumer email, sometimes no email at all. */
export function makeGuest(g: Gen): Person {
  const [first, last] = g.pick(NAMES);
  const given = g.pick(['Alex', 'Sam', 'Noor', 'Jordan', 'Élodie', 'Tomás', 'Yuki', first]);
  return {
    id: '',
    first: given,
    last,
    name: `${given} ${last}`,
    email: g.chance(0.8) ? `${ascii(given)}${g.int(1, 99)}@${g.pick(GUEST_DOMAINS)}` : '',
    internal: false,
    extension: 0,
    phone: g.phone(),
    timezone: g.pick(TIMEZONES),
  };
}
