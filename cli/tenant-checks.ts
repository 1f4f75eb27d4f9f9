import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkRooms, type RoomChecks } from "../policies/compliance";
import { blockingFindings } from "../policies/engine/gate";
import type { Finding } from "../policies/engine/rule";
import { readTerraformInput, type StackDocument, type TerraformJson } from "../policies/engine/terraform-input";

export interface TenantChecks {
  result: RoomChecks;
  /** Blocking findings that name a stack this run built. */
  blocking: Finding[];
  /** The site's stacks, as parsed. */
  documents: readonly StackDocument[];
}

/**
 * The checks of `synth --site <s> --tenant <t>`: the site's room read from the output just built (its
 * stacks only, not the other sites'), the rules of reach "tenant" over the tenant's view of it
 * (Room.focus) and every other rule over the whole room; the gate holds the stacks this run built.
 * No report comes of it: a report describes every stack of the output and these checks leave out the
 * other tenants' own findings, so the output holds none after such a run (a full or `--site` synth
 * writes them). The stacks are read without the block lines and file hashes only a report shows.
 */
export function checkTenant(
  built: string,
  siteStacks: readonly string[],
  tenant: string,
  asOf: string,
  builtStacks: ReadonlySet<string>,
): TenantChecks {
  const documents = siteStacks.map((stack): StackDocument => {
    const file = join(built, "stacks", stack, "cdk.tf.json");
    try {
      return { stack, file, json: JSON.parse(readFileSync(file, "utf8")) as TerraformJson };
    } catch {
      // A kept stack someone broke: the engine's reader says where (file:line:col), or reads what it can.
      return readTerraformInput([join(built, "stacks", stack)])[0] ?? { stack, file, json: {} };
    }
  });
  const result = checkRooms(documents, { asOf, focus: tenant });
  return { result, blocking: blockingFindings(result.findings, builtStacks), documents };
}
