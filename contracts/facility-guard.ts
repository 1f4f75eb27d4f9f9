import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import standaloneCode from "ajv/dist/standalone";
import { cachedValidators, packageVersion, validatorCacheDir } from "./validator-code-cache";
import { FACILITY_KINDS, type FacilityKind, type FacilityObject } from "./facility-objects";
import alarmRoute from "./facility-schemas/alarm-route.schema.json";
import approver from "./facility-schemas/approver.schema.json";
import backupClass from "./facility-schemas/backup-class.schema.json";
import backupCopy from "./facility-schemas/backup-copy.schema.json";
import backupRoom from "./facility-schemas/backup-room.schema.json";
import board from "./facility-schemas/board.schema.json";
import cooling from "./facility-schemas/cooling.schema.json";
import device from "./facility-schemas/device.schema.json";
import evidence from "./facility-schemas/evidence.schema.json";
import anyKind from "./facility-schemas/facility-object.schema.json";
import generator from "./facility-schemas/generator.schema.json";
import hostHardening from "./facility-schemas/host-hardening.schema.json";
import keyProvider from "./facility-schemas/key-provider.schema.json";
import logCollector from "./facility-schemas/log-collector.schema.json";
import lun from "./facility-schemas/lun.schema.json";
import operator from "./facility-schemas/operator.schema.json";
import pdu from "./facility-schemas/pdu.schema.json";
import policyParameters from "./facility-schemas/policy-parameters.schema.json";
import rack from "./facility-schemas/rack.schema.json";
import restoreTest from "./facility-schemas/restore-test.schema.json";
import room from "./facility-schemas/room.schema.json";
import sensor from "./facility-schemas/sensor.schema.json";
import storagePolicy from "./facility-schemas/storage-policy.schema.json";
import tenant from "./facility-schemas/tenant.schema.json";
import threatFeeds from "./facility-schemas/threat-feeds.schema.json";
import ups from "./facility-schemas/ups.schema.json";
import vmTemplate from "./facility-schemas/vm-template.schema.json";
import waiver from "./facility-schemas/waiver.schema.json";
import workload from "./facility-schemas/workload.schema.json";

/**
 * The JSON Schema of each facility kind (contracts/facility-schemas/, generated from
 * contracts/facility-objects.ts by `npm run gen:facility-schemas`). Typed by kind, so a kind added to
 * the vocabulary does not compile until its schema is here.
 */
export const FACILITY_SCHEMAS: Readonly<Record<FacilityKind, object>> = {
  room,
  rack,
  board,
  generator,
  ups,
  pdu,
  device,
  cooling,
  sensor,
  "alarm-route": alarmRoute,
  lun,
  "key-provider": keyProvider,
  "storage-policy": storagePolicy,
  "log-collector": logCollector,
  "backup-room": backupRoom,
  "backup-class": backupClass,
  "backup-copy": backupCopy,
  "restore-test": restoreTest,
  evidence,
  operator,
  tenant,
  workload,
  "host-hardening": hostHardening,
  "threat-feeds": threatFeeds,
  "vm-template": vmTemplate,
  "policy-parameters": policyParameters,
  waiver,
  approver,
};

/** The schema of any kind (dispatches on `kind` to the kind's schema), for validators outside this module. */
export const FACILITY_OBJECT_SCHEMA: object = anyKind;

/** ajv's options for the vocabulary: every error, with its schema and data (verbose) for the messages. */
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true } as const;

/** Every kind's validator from the cache (null: ajv is no installed package), once read. */
let fromCache: Record<FacilityKind, ValidateFunction> | null | undefined;
let ajv: Ajv2020 | undefined;
const compiledInMemory = new Map<FacilityKind, ValidateFunction>();

/**
 * The validator of a kind. Where ajv is an installed package, every kind's validator comes from code
 * compiled once per installation (contracts/validator-code-cache.ts); elsewhere (the packed audit
 * bundles ajv, so compiled code could not require its runtime) ajv compiles each kind in memory when
 * first needed.
 */
function validatorOf(kind: FacilityKind): ValidateFunction {
  if (fromCache === undefined) {
    const cacheDir = validatorCacheDir("room-as-code-facility-validators");
    fromCache =
      cacheDir === undefined
        ? null
        : cachedValidators(
            {
              identity: [packageVersion("ajv"), compileFacilityCode.toString(), AJV_OPTIONS, FACILITY_SCHEMAS],
              compile: compileFacilityCode,
              exports: FACILITY_KINDS,
            },
            cacheDir,
          );
  }
  if (fromCache !== null) return fromCache[kind];
  let validate = compiledInMemory.get(kind);
  if (validate === undefined) {
    ajv ??= new Ajv2020(AJV_OPTIONS);
    compiledInMemory.set(kind, (validate = ajv.compile(FACILITY_SCHEMAS[kind])));
  }
  return validate;
}

/** The vocabulary's validators as ajv's standalone code, one export per kind. */
export function compileFacilityCode(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  for (const schema of Object.values(FACILITY_SCHEMAS)) ajv.addSchema(schema);
  return standaloneCode(ajv, Object.fromEntries(FACILITY_KINDS.map((kind) => [kind, (FACILITY_SCHEMAS[kind] as { $id: string }).$id])));
}

const isKind = (kind: unknown): kind is FacilityKind => typeof kind === "string" && (FACILITY_KINDS as readonly string[]).includes(kind);

/**
 * What is wrong with a facility object (the `input` of a `terraform_data` facility resource), one
 * message per mistake naming the object, the JSON path, what was expected and what was found:
 * `ups ups-a: /modules/0/kw must be a number, found "10"`. Empty when the object matches the schema of
 * its kind. Extra properties are allowed (a foreign writer may record more facts).
 */
export function facilityObjectProblems(input: unknown): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return [`facility object must be an object, found ${show(input)}`];
  const { kind, id } = input as { kind?: unknown; id?: unknown };
  if (!isKind(kind)) {
    const found = kind === undefined ? "nothing" : show(kind);
    return [`facility object: /kind must be one of ${FACILITY_KINDS.map((k) => JSON.stringify(k)).join(", ")}, found ${found}`];
  }
  const validate = validatorOf(kind);
  if (validate(input)) return [];
  const label = typeof id === "string" && id !== "" ? `${kind} ${id}` : `${kind} (no id)`;
  return [...new Set((validate.errors ?? []).map((e) => `${label}: ${describe(e)}`))];
}

/** Whether input is a facility object of a known kind that matches the schema of its kind. */
export function isFacilityObject(input: unknown): input is FacilityObject {
  return facilityObjectProblems(input).length === 0;
}

type SchemaNode = { type?: string | string[]; enum?: unknown[]; const?: unknown; $ref?: string; pattern?: string };

function describe(e: ErrorObject): string {
  const at = e.instancePath === "" ? "/" : e.instancePath;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const name = String(p.missingProperty);
      const props = (e.parentSchema as { properties?: Record<string, SchemaNode> } | undefined)?.properties;
      const wanted = props?.[name];
      return `${e.instancePath}/${name} is missing (required${wanted ? `: ${expected(wanted)}` : ""})`;
    }
    case "type":
    case "enum":
    case "const":
    case "pattern":
      return `${at} must be ${expected(e.parentSchema as SchemaNode)}, found ${show(e.data)}`;
    default:
      return `${at} ${e.message ?? "is invalid"}, found ${show(e.data)}`;
  }
}

/** What a schema node accepts, in words: "a number", "a string or null", `one of "A", "B"`. */
function expected(node: SchemaNode): string {
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.$ref) return "an object";
  if (node.pattern === "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") return "a date YYYY-MM-DD";
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const words = types.map((t) => (t === "null" ? "null" : t === "object" || t === "array" ? `an ${t}` : `a ${t}`));
  return words.length === 0
    ? "a valid value"
    : words.length === 1
      ? words[0]
      : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** A found value for a message: JSON, shortened; a Terraform expression is named as one. */
function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  if (typeof value === "string" && value.includes("${")) return `${short} (a Terraform expression: facility facts are literal values)`;
  return short;
}
