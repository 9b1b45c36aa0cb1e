/**
 * What to ask the user to do so an event is sent, from the token's scopes: a token with
 * `meeting:read:admin` can see meeting events, so "start or end a test meeting" will produce one.
 */
const ACTIONS: Array<[family: string, action: string]> = [
  ['meeting', 'start or end a test meeting'],
  ['webinar', 'start or end a test webinar'],
  ['phone', 'make a test Zoom Phone call'],
  ['team_chat', 'send a Team Chat message'],
  ['chat_message', 'send a Team Chat message'],
  ['user', "update a user's profile in the Zoom web portal"],
  ['recording', 'end a cloud-recorded test meeting'],
  ['zoomroom', 'check in to a Zoom Room'],
];

/** The event families the scopes grant: `meeting:read:admin` → meeting. */
export function scopeFamilies(scopes: string[]): string[] {
  return [...new Set(scopes.map((s) => s.split(':')[0]!.toLowerCase()).filter(Boolean))];
}

/** The action to ask for while waiting, naming a family the token can see when there is one. */
export function triggerAdvice(scopes: string[]): { family?: string; action: string } {
  const families = scopeFamilies(scopes);
  for (const [family, action] of ACTIONS) if (families.includes(family)) return { family, action };
  return { action: 'trigger one of the events your subscription lists (for example, start or end a test meeting)' };
}
