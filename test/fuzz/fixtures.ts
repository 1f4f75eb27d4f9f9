import { sharedSynth } from "../helpers";
import type { Fixture } from "./fuzz-case";

/** The tiny fixture after a good synth (so it has an address lock), with that synth's output. */
export function tinyFixture(): Fixture {
  const { sites, out } = sharedSynth("tiny");
  return { name: "tiny", sites, siteNames: ["tiny"], out };
}

/** One example site (fjordvik or kvistrup) after a good synth, with the output of both. */
export function exampleFixture(site: "fjordvik" | "kvistrup"): Fixture {
  const { sites, out } = sharedSynth("examples");
  return { name: site, sites, siteNames: [site], out };
}
