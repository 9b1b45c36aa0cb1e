/** Team Chat payloads: chat_message.*, chat_channel.* and team_chat.*, shaped after Zoom's Rivet SDK types. */
import { iso, type Gen } from './gen.js';
import { zoomEvent, type ZoomEvent } from './event.js';
import { CHANNELS, CHAT_LINES, type Person } from './people.js';

export interface Channel {
  id: string;
  name: string;
  /** Zoom channel types: 1 private, 2 private with external users, 3 public, 4 new chat, 5 shared space. */
  type: number;
}

export const newChannel = (g: Gen): Channel => ({ id: g.hex(32), name: g.pick(CHANNELS), type: g.pick([1, 3, 3, 4]) });

const by = (p: Person) => ({ operator: p.email, operator_id: p.id, operator_member_id: p.id.slice(0, 12) });

export interface ChatMessage {
  id: string;
  text: string;
}

export function chatMessage(g: Gen, what: 'sent' | 'updated' | 'deleted', from: Person, ch: Channel, msg: ChatMessage): ZoomEvent {
  const ts = g.clock();
  const object = {
    id: msg.id,
    message: msg.text,
    session_id: ch.id,
    channel_id: ch.id,
    channel_name: ch.name,
    type: 'to_channel',
    date_time: iso(ts),
    timestamp: ts,
  };
  return zoomEvent(g, `chat_message.${what}`, ts, { ...by(from), object });
}

const members = (people: Person[]) => people.map((p) => ({ id: p.id, display_name: p.name }));

export function channelCreated(g: Gen, owner: Person, ch: Channel, invited: Person[]): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'chat_channel.created', ts, {
    ...by(owner),
    object: { id: ch.id, name: ch.name, type: ch.type, date_time: iso(ts), timestamp: ts, members: members(invited) },
  });
}

export function memberInvited(g: Gen, owner: Person, ch: Channel, invited: Person[]): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'chat_channel.member_invited', ts, {
    ...by(owner),
    object: { id: ch.id, name: ch.name, type: ch.type, members: members(invited), date_time: iso(ts), timestamp: ts },
  });
}

export function channelMessagePosted(g: Gen, from: Person, ch: Channel): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'team_chat.channel_message_posted', ts, {
    ...by(from),
    by_external_user: false,
    object: { channel_id: ch.id, channel_name: ch.name, message_id: g.guid().toUpperCase(), message: g.pick(CHAT_LINES), date_time: iso(ts), timestamp: ts },
  });
}

export function dmMessagePosted(g: Gen, from: Person, to: Person): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'team_chat.dm_message_posted', ts, {
    ...by(from),
    by_external_user: false,
    object: { contact_id: to.id, contact_email: to.email, contact_member_id: to.id.slice(0, 12), message_id: g.guid().toUpperCase(), message: g.pick(CHAT_LINES), date_time: iso(ts), timestamp: ts },
  });
}

export function channelReactionAdded(g: Gen, from: Person, ch: Channel, messageId: string): ZoomEvent {
  const ts = g.clock();
  return zoomEvent(g, 'team_chat.channel_reaction_added', ts, {
    ...by(from),
    by_external_user: false,
    object: { channel_id: ch.id, channel_name: ch.name, message_id: messageId, emoji: g.pick(['👍', '🎉', '😂', '✅', '👀']), date_time: iso(ts), timestamp: ts },
  });
}
