/** Event families: which colour an event name gets. Keyed by the part of the name before the first dot. */
import type { ChalkInstance } from 'chalk';

export type Family = 'meeting' | 'webinar' | 'recording' | 'user' | 'phone' | 'chat' | 'room' | 'account' | 'other';

const PREFIXES: Record<string, Family> = {
  meeting: 'meeting',
  meeting_summary: 'meeting',
  webinar: 'webinar',
  recording: 'recording',
  user: 'user',
  phone: 'phone',
  chat_message: 'chat',
  chat_channel: 'chat',
  team_chat: 'chat',
  chat: 'chat',
  zoomroom: 'room',
  zoom_room: 'room',
  account: 'account',
};

type Color = 'blue' | 'cyan' | 'red' | 'green' | 'yellow' | 'magenta' | 'greenBright' | 'yellowBright' | 'magentaBright';

export const FAMILY_COLORS: Record<Family, Color> = {
  meeting: 'blue',
  webinar: 'cyan',
  recording: 'red',
  user: 'green',
  phone: 'yellow',
  chat: 'magenta',
  room: 'greenBright',
  account: 'yellowBright',
  other: 'magentaBright',
};

export function familyOf(eventName: string): Family {
  const dot = eventName.indexOf('.');
  return PREFIXES[dot === -1 ? eventName : eventName.slice(0, dot)] ?? 'other';
}

export function paintEventName(name: string, chalk: ChalkInstance): string {
  return chalk[FAMILY_COLORS[familyOf(name)]](name);
}
