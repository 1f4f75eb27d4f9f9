/**
 * cdktf records where every token was created: each Intrinsic, Lazy, Reference and computed-list token
 * captures and formats a full stack trace (Error.captureStackTrace with no depth limit), only to name
 * it in an error message should that token fail to resolve. A tenant VM makes dozens of tokens; at the
 * county room this was about 28% of synth's time (more under tsx, which maps every frame through a
 * source map). Synth switches it off: a token that fails to resolve still fails, its message just
 * lacks the creation stack.
 *
 * Read in cdktf 0.21.0 (lib/tokens/private/stack-trace.js): the callers reach `captureStackTrace`
 * through the module's exports object at each call, so replacing the export reaches them all. Applied
 * only to that exact version; test/stacks/cdktf-shortcuts.test.ts fails on any other, so an upgrade
 * has to read the new code again.
 */
import { CDKTF_VERSION_READ, installedCdktfVersion } from "./cdktf-version";

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTraceModule = require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule;
const recordingCreationStacks = stackTraceModule.captureStackTrace;
const noCreationStack = (): string[] => [];

/** Whether tokens made from now on record their creation stack (cdktf's own behaviour when true). */
export function recordCreationStacks(on: boolean): void {
  if (installedCdktfVersion() !== CDKTF_VERSION_READ) return;
  stackTraceModule.captureStackTrace = on ? recordingCreationStacks : noCreationStack;
}
