/** Exit codes every command keeps (the README's exit-code table). */
export const ExitCode = {
  /** Done; no unwaived mandatory failure. */
  ok: 0,
  /** A mandatory policy failure. */
  policyFailure: 1,
  /** Bad input or usage; the message says what and where. */
  badInput: 2,
  /** A bug in this tool. */
  internalError: 3,
} as const;

/** A mistake in how a command was called: reported without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Print the command's usage after the message (not for a place the file system refused). */
    readonly showUsage = true,
  ) {
    super(message);
    this.name = "UsageError";
  }
}
