// synth prints its table of stacks from the stacks the checks parsed (summarizeStacks) instead of
// reading every stack file again (summarize): both give the same rows, in the same order.
import { readTerraformInput } from "../../policies/engine/terraform-input";
import { formatSummary, summarize, summarizeStacks } from "../../cli/synthesize";
import { sharedSynth } from "../helpers";

test("the summary from the parsed stacks is the summary from the files", () => {
  const { out, result } = sharedSynth("examples");
  const fromFiles = summarize(out);
  expect(fromFiles.length).toBeGreaterThan(10);
  expect(fromFiles.some((row) => row.resources > 0 && row.dataSources > 0)).toBe(true);
  // Parsed in another order than the files list them: the rows come out sorted all the same.
  expect(summarizeStacks([...readTerraformInput([out])].reverse())).toEqual(fromFiles);
  expect(result.stdout).toContain(formatSummary(fromFiles));
});
