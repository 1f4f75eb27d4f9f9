import type { ParamOverrides } from "../policies/engine/evaluate";
import { ALL_RULES } from "../policies/rules";
import type { Site } from "../plan/model";
import type { PolicyFile } from "../spec/generated/policy-file";
import { SchemaValidator } from "../spec/schema-validator";
import { SpecErrors } from "../spec/spec-error";
import { SpecFile } from "../spec/spec-file";
import { checkPolicyFiles } from "./policy-files";

/**
 * Reads the audit's `--params` file: the shape of a site's policy.yaml (schema/policy.schema.json),
 * checked against the schema and the rules with located errors (SpecErrors: exit 2). Returns the
 * overrides without their reasons.
 */
export function readAuditParams(path: string): ParamOverrides {
  const file = SpecFile.read(path);
  if (file.syntaxErrors.length) throw new SpecErrors(file.syntaxErrors);
  if (file.data === null) throw new SpecErrors([file.error("", "expected a mapping with parameters:, found an empty document")]);
  const schemaErrors = new SchemaValidator().validatePolicy(file);
  if (schemaErrors.length) throw new SpecErrors(schemaErrors);
  const data = file.data as PolicyFile;
  const ruleErrors = checkPolicyFiles({ policy: { file, data } } as Site, ALL_RULES);
  if (ruleErrors.length) throw new SpecErrors(ruleErrors);
  const overrides: ParamOverrides = {};
  for (const [rule, values] of Object.entries(data.parameters))
    overrides[rule] = Object.fromEntries(Object.entries(values).filter(([name]) => name !== "reason"));
  return overrides;
}
