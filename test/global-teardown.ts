import { rmSync } from "node:fs";
import { SHARED_SYNTH_ENV } from "./shared-synth";

export default function globalTeardown(): void {
  const root = process.env[SHARED_SYNTH_ENV];
  if (root) rmSync(root, { recursive: true, force: true });
}
