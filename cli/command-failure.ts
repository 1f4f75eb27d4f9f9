import { formatSpecError, formatSpecWarning, SpecErrors } from "../spec/spec-error";
import { ExitCode, UsageError } from "./exit-codes";

/** Bad input and usage errors get a message and exit 2; anything else is our bug (exit 3). */
export function reportFailure(e: unknown, err: NodeJS.WritableStream, usage: string): number {
  if (e instanceof SpecErrors) {
    for (const w of e.warnings) err.write(formatSpecWarning(w) + "\n");
    err.write(e.errors.map(formatSpecError).join("\n") + `\n${e.errors.length} error(s); nothing was written.\n`);
    return ExitCode.badInput;
  }
  if (e instanceof UsageError && !e.showUsage) {
    err.write(`${e.message}\n`);
    return ExitCode.badInput;
  }
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    err.write(`${(e as Error).message}\n${usage}\n`);
    return ExitCode.badInput;
  }
  err.write(`internal error (please report it): ${(e as Error)?.stack ?? String(e)}\n`);
  return ExitCode.internalError;
}

/**
 * A reader that goes away (`npm run synth | head`) ends the run quietly with the exit code it has:
 * the output and the locks are already committed when the summary is printed.
 */
export function exitQuietlyOnClosedOutput(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? ExitCode.ok);
  });
}
