/**
 * The cdktf version whose internals synth's shortcuts were read in (stacks/cdktf-creation-stacks.ts,
 * stacks/room-stack.ts). A shortcut applies only to exactly this version; with any other, synth runs
 * cdktf as it comes (slower, same output) and the shortcut tests fail until the code is read again.
 */
export const CDKTF_VERSION_READ = "0.21.0";

let installed: string | undefined;

export function installedCdktfVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (installed ??= (require("cdktf/package.json") as { version: string }).version);
}
