import type { ParamOverrides } from "../policies/engine/evaluate";
import type { ParamValue, Rule } from "../policies/engine/rule";
import type { ParamsSource } from "../policies/report/parameters-used";
import type { PolicyFile } from "../spec/generated/policy-file";
import { SchemaValidator } from "../spec/schema-validator";
import { SpecErrors } from "../spec/spec-error";
import { SpecFile } from "../spec/spec-file";
import { checkPolicyParameters } from "./policy-files";

/** A --params file, read: the values to override with, and where they came from with each rule's reason. */
export interface ParamsFile {
  params: ParamOverrides;
  paramsSource: ParamsSource;
}

/**
 * Reads a parameters file (the audit command's --params): the same schema as a site's policy.yaml
 * (schema/policy.schema.json), each rule's overrides with a `reason`. Bad input throws SpecErrors
 * naming the file, line and column, as for every spec file.
 */
export function readParamsFile(path: string, rules: readonly Rule[], display = path): ParamsFile {
  const file = SpecFile.read(path, display);
  if (file.syntaxErrors.length) throw new SpecErrors(file.syntaxErrors);
  const schemaErrors = new SchemaValidator().validatePolicy(file);
  if (schemaErrors.length) throw new SpecErrors(schemaErrors);
  const data = file.data as PolicyFile;
  const ruleErrors = checkPolicyParameters(file, data, rules);
  if (ruleErrors.length) throw new SpecErrors(ruleErrors);
  const entries = Object.entries(data.parameters);
  return {
    params: Object.fromEntries(entries.map(([id, values]) => [id, parameterValues(values)])),
    paramsSource: { file: display, reasons: Object.fromEntries(entries.map(([id, { reason }]) => [id, reason])) },
  };
}

/** A rule's entry without its reason: the values alone, as the engine reads them. */
function parameterValues(entry: PolicyFile["parameters"][string]): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(entry).filter(([name]) => name !== "reason"));
}
