import { pointerOf, type SpecError } from "../spec-error";
import type { SpecFile } from "../spec-file";

/**
 * The concise forms of site.yaml for what a room repeats, expanded into the explicit form before the
 * schema sees the file (so every check after it reads one form):
 * - `racks[].pdus: { a: <ups>, b: <ups>, capacityKw, source? }`: the rack's PDU pair, appended to
 *   `facility.pdus` as `<rack>-pdu-a` on UPS a and `<rack>-pdu-b` on UPS b;
 * - `facility.sensorDefaults.<measure>`: thresholds, delay, hysteresis and routing every sensor of that
 *   measure takes where it sets none itself (routing as a whole: a sensor with its own `route` or
 *   `routes` takes neither from the defaults);
 * - `facility.linkPatterns[]: { devices, first?, links }`: the same links for each device, `{n}` in a
 *   port replaced by the device's number (`first`, default 1, for the first device, counting up),
 *   appended to `facility.links.<device>`.
 * Each expanded value is recorded on the file (SpecFile.expandedFrom), so an error in it points at the
 * line the user wrote and says which form it came from. Malformed forms are left as they are: the
 * schema reports them at their own lines, and nothing is expanded from them.
 */
export function expandFacilityDefaults(file: SpecFile): void {
  const site = file.data;
  if (!isObject(site)) return;
  expandPduPairs(file, site);
  expandSensorDefaults(file, site);
  expandLinkPatterns(file, site);
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string";

/** The facility section, created when a concise form needs one and there is none. */
function facilityOf(site: Obj): Obj | undefined {
  if (site.facility === undefined) site.facility = {};
  return isObject(site.facility) ? site.facility : undefined;
}

/** A list field of `owner`, created when absent; undefined when it is not a list (the schema reports it). */
function listOf(owner: Obj, key: string): unknown[] | undefined {
  if (owner[key] === undefined) owner[key] = [];
  const list = owner[key];
  return Array.isArray(list) ? list : undefined;
}

const PDU_SIDES = [
  ["a", "A"],
  ["b", "B"],
] as const;

function expandPduPairs(file: SpecFile, site: Obj): void {
  if (!Array.isArray(site.racks)) return;
  site.racks.forEach((rack: unknown, i) => {
    if (!isObject(rack) || !isText(rack.id)) return;
    const pair = rack.pdus;
    if (!isObject(pair) || !isText(pair.a) || !isText(pair.b) || typeof pair.capacityKw !== "number") return;
    const fac = facilityOf(site);
    const pdus = fac && listOf(fac, "pdus");
    if (!pdus) return;
    const at = `/racks/${i}/pdus`;
    const note = `from racks[${i}].pdus, the PDU pair of rack ${rack.id}`;
    for (const [side, path] of PDU_SIDES) {
      const ups = pair[side];
      const to = `/facility/pdus/${pdus.length}`;
      pdus.push({
        id: `${rack.id}-pdu-${side}`,
        rack: rack.id,
        ups,
        capacityKw: pair.capacityKw,
        ...(pair.source !== undefined ? { source: pair.source } : {}),
      });
      file.expandedFrom(to, at, `${note} (path ${path})`);
      file.expandedFrom(`${to}/id`, `/racks/${i}/id`, `${note}: ${rack.id}-pdu-${side}`);
      file.expandedFrom(`${to}/rack`, `/racks/${i}/id`, note);
      file.expandedFrom(`${to}/ups`, `${at}/${side}`, note);
      file.expandedFrom(`${to}/capacityKw`, `${at}/capacityKw`, note);
      file.expandedFrom(`${to}/source`, `${at}/source`, note);
    }
  });
}

/** The fields a sensor takes from its measure's defaults, routing aside. */
const SENSOR_FIELDS = ["lowCritical", "lowWarning", "highWarning", "highCritical", "delayMin", "hysteresis"] as const;

function expandSensorDefaults(file: SpecFile, site: Obj): void {
  const fac = site.facility;
  if (!isObject(fac) || !isObject(fac.sensorDefaults) || !Array.isArray(fac.sensors)) return;
  const defaults = fac.sensorDefaults;
  fac.sensors.forEach((sensor: unknown, i) => {
    if (!isObject(sensor) || !isText(sensor.measure) || !Object.hasOwn(defaults, sensor.measure)) return;
    const measure = sensor.measure;
    const own = defaults[measure];
    if (!isObject(own)) return;
    const from = `/facility/sensorDefaults/${pointerOf([measure]).slice(1)}`;
    const note = `from facility.sensorDefaults.${measure}`;
    // A default of the wrong type is the schema's to report at the default, not once per sensor.
    const take = (field: string, fits: (v: unknown) => boolean) => {
      if (sensor[field] !== undefined || !fits(own[field])) return;
      sensor[field] = structuredClone(own[field]);
      file.expandedFrom(`/facility/sensors/${i}/${field}`, `${from}/${field}`, note);
    };
    for (const field of SENSOR_FIELDS) take(field, (v) => typeof v === "number");
    if (sensor.route === undefined && sensor.routes === undefined) {
      take("route", isText);
      take("routes", (v) => isObject(v) && Object.values(v).every(isText));
    }
  });
}

function expandLinkPatterns(file: SpecFile, site: Obj): void {
  const fac = site.facility;
  if (!isObject(fac) || !Array.isArray(fac.linkPatterns)) return;
  fac.linkPatterns.forEach((pattern: unknown, k) => {
    if (!isObject(pattern) || !Array.isArray(pattern.devices) || !Array.isArray(pattern.links)) return;
    const first = pattern.first === undefined ? 1 : pattern.first;
    if (typeof first !== "number" || !Number.isInteger(first)) return;
    const templates = pattern.links;
    // Only complete links are repeated; the schema reports an incomplete one once, at the pattern.
    const complete = (l: unknown) =>
      isObject(l) && Object.keys(l).length === LINK_FIELDS.length && LINK_FIELDS.every((f) => isText(l[f]) && l[f] !== "");
    if (!templates.every(complete)) return;
    if (fac.links === undefined) fac.links = {};
    const links = fac.links;
    if (!isObject(links)) return;
    pattern.devices.forEach((device: unknown, d) => {
      if (!isText(device)) return;
      const n = first + d;
      if (links[device] === undefined) {
        links[device] = [];
        // An unknown device is reported at its name in the pattern.
        file.expandedFrom(
          `/facility/links/${pointerOf([device]).slice(1)}`,
          `/facility/linkPatterns/${k}/devices/${d}`,
          note(k, device, n),
        );
      }
      const own = links[device];
      if (!Array.isArray(own)) return;
      templates.forEach((template, j) => {
        const to = `/facility/links/${pointerOf([device]).slice(1)}/${own.length}`;
        own.push(Object.fromEntries(Object.entries(template as Record<string, string>).map(([key, text]) => [key, numbered(text, n)])));
        file.expandedFrom(to, `/facility/linkPatterns/${k}/links/${j}`, note(k, device, n));
      });
    });
  });
}

const LINK_FIELDS = ["port", "peer", "peerPort"] as const;

const note = (k: number, device: string, n: number) => `from facility.linkPatterns[${k}] for ${device}, {n} = ${n}`;

/** `{n}` is the device's number; `{n:02}` pads it to two digits. */
function numbered(text: string, n: number): string {
  return text.replace(/\{n(?::0(\d))?\}/g, (_m, width: string | undefined) => String(n).padStart(Number(width ?? 0), "0"));
}

/** The errors with each (line, column, pointer, message) once: entries one form expanded to report its mistake once. */
export function distinctErrors(errors: SpecError[]): SpecError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = [e.line, e.col, e.pointer, e.message].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
