/**
 * A mistake in what the user gave scsim (a scenario, a flag, a file). The CLI
 * prints its message (and hint) without a stack trace and exits with code 2.
 */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    /** What to do about it, when there is something to say. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
