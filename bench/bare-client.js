// The library limit for `connect`: a minimal `ws` client that gets a token, opens the socket,
// decodes each frame and prints its content, and nothing else (no heartbeat, no dedupe, no checks).
// Usage: ZOOM_* env as printed by `zoomws simulate`; node bench/bare-client.js
import WebSocket from 'ws';

const env = process.env;
const basic = Buffer.from(`${env.ZOOM_CLIENT_ID}:${env.ZOOM_CLIENT_SECRET}`).toString('base64');
const res = await fetch(env.ZOOM_OAUTH_URL, {
  method: 'POST',
  headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'account_credentials', account_id: env.ZOOM_ACCOUNT_ID }),
});
const { access_token } = await res.json();
const url = new URL(env.ZOOM_WS_URL);
if (env.ZOOM_SUBSCRIPTION_ID) url.searchParams.set('subscriptionId', env.ZOOM_SUBSCRIPTION_ID);
url.searchParams.set('access_token', access_token);
const ws = new WebSocket(url);
ws.on('message', (data) => {
  const frame = JSON.parse(data.toString());
  if (frame.module === 'build_connection') process.stderr.write('connected\n');
  else if (frame.module === 'message') process.stdout.write(frame.content + '\n');
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
