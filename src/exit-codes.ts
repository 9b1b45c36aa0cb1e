/** Exit codes shared by every command (README lists them). `filter` uses jq's own codes instead. */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  auth: 3,
  connection: 4,
  replaced: 5,
  timeout: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can cause: one line on stderr, a documented exit code, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
