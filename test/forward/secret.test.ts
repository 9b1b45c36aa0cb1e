import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/redact.js';
import { readSecretToken } from '../../src/forward/secret.js';

describe('the webhook secret token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoomws-secret-'));
  writeFileSync(join(dir, '.env'), 'ZOOM_CLIENT_ID=abc\nZOOM_WEBHOOK_SECRET_TOKEN="from-dotenv-7Qx"\n');
  writeFileSync(join(dir, 'other.env'), 'ZOOM_WEBHOOK_SECRET_TOKEN=from-other-9Kp\n');
  writeFileSync(join(dir, 'token.txt'), 'from-file-3Mn\n');

  it('comes from --secret-token-file, else the environment, else .env or --env-file', () => {
    expect(readSecretToken({ secretTokenFile: 'token.txt' }, { ZOOM_WEBHOOK_SECRET_TOKEN: 'env' }, dir)).toEqual({ value: 'from-file-3Mn', source: 'token.txt' });
    expect(readSecretToken({}, { ZOOM_WEBHOOK_SECRET_TOKEN: ' from-env-2Wz ' }, dir)).toEqual({ value: 'from-env-2Wz', source: 'ZOOM_WEBHOOK_SECRET_TOKEN' });
    expect(readSecretToken({}, {}, dir)).toEqual({ value: 'from-dotenv-7Qx', source: 'ZOOM_WEBHOOK_SECRET_TOKEN in .env' });
    expect(readSecretToken({ envFile: 'other.env' }, {}, dir)).toEqual({ value: 'from-other-9Kp', source: 'ZOOM_WEBHOOK_SECRET_TOKEN in other.env' });
    expect(readSecretToken({}, {}, tmpdir())).toBeUndefined();
  });

  it('is redacted from then on', () => {
    readSecretToken({}, {}, dir);
    expect(redact('signed with from-dotenv-7Qx')).toBe('signed with ***');
  });
});
