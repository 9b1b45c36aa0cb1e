/**
 * Every event type the simulator's catalog produces, as a static list: shell completion of --events reads it
 * without loading the catalog. test/unit/event-types.test.ts keeps it equal to what the catalog generates.
 */
export const EVENT_TYPES: readonly string[] = [
  'account.updated',
  'app_deauthorized',
  'chat_channel.created', 'chat_channel.member_invited',
  'chat_message.deleted', 'chat_message.sent', 'chat_message.updated',
  'contact_center.engagement_ended', 'contact_center.engagement_started',
  'meeting.alert', 'meeting.chat_message_sent', 'meeting.created', 'meeting.deleted', 'meeting.ended',
  'meeting.participant_admitted', 'meeting.participant_joined', 'meeting.participant_joined_waiting_room',
  'meeting.participant_left', 'meeting.participant_left_waiting_room', 'meeting.registration_created',
  'meeting.sharing_ended', 'meeting.sharing_started', 'meeting.started', 'meeting.summary_completed',
  'meeting.updated',
  'phone.callee_answered', 'phone.callee_ended', 'phone.callee_missed', 'phone.callee_ringing',
  'phone.caller_connected', 'phone.caller_ended', 'phone.caller_ringing', 'phone.recording_completed',
  'phone.sms_received', 'phone.voicemail_received',
  'recording.completed', 'recording.deleted', 'recording.paused', 'recording.recovered', 'recording.resumed',
  'recording.started', 'recording.stopped', 'recording.transcript_completed', 'recording.trashed',
  'session.ended', 'session.started', 'session.user_joined', 'session.user_left',
  'team_chat.channel_message_posted', 'team_chat.channel_reaction_added', 'team_chat.dm_message_posted',
  'user.activated', 'user.created', 'user.deactivated', 'user.deleted', 'user.presence_status_updated',
  'user.signed_in', 'user.signed_out', 'user.updated',
  'webinar.alert', 'webinar.chat_message_sent', 'webinar.created', 'webinar.deleted', 'webinar.ended',
  'webinar.participant_admitted', 'webinar.participant_joined', 'webinar.participant_joined_waiting_room',
  'webinar.participant_left', 'webinar.participant_left_waiting_room', 'webinar.registration_created',
  'webinar.sharing_ended', 'webinar.sharing_started', 'webinar.started', 'webinar.updated',
  'whiteboard.created', 'whiteboard.deleted',
  'zoomroom.alert', 'zoomroom.checked_in', 'zoomroom.checked_out',
];
