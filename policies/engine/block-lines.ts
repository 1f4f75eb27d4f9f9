/**
 * Where each block of a Terraform file starts, found by scanning the text (never guessed): the key is
 * the block's address as the room names it (`vsphere_host.esx-01`, `data.vsphere_datacenter.dc`,
 * `module.network`), the value its 1-based line. A block the scan does not find has no entry, and its
 * findings carry the file without a line.
 */
export type BlockLines = Map<string, number>;

const LABEL = String.raw`(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_-]*))`;
const HEADER = new RegExp(String.raw`^\s*(resource|data|module)\s+${LABEL}(?:\s+${LABEL})?\s*\{`);
const HEREDOC = /<<-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * HCL (`*.tf`): the line of each `resource "type" "name" {`, `data "type" "name" {` and
 * `module "name" {` header. Heredoc bodies and comments are skipped, so text inside them that looks like
 * a header is not taken for one.
 */
export function hclBlockLines(text: string): BlockLines {
  const lines = new Map<string, number>();
  const all = text.split(/\r?\n/);
  let heredoc: string | undefined;
  let comment = false;
  all.forEach((raw, i) => {
    if (heredoc !== undefined) {
      if (raw.trim() === heredoc) heredoc = undefined;
      return;
    }
    let line = raw;
    if (comment) {
      const end = line.indexOf("*/");
      if (end < 0) return;
      comment = false;
      line = " ".repeat(end + 2) + line.slice(end + 2);
    }
    const open = line.indexOf("/*");
    if (open >= 0 && !line.slice(0, open).includes('"') && line.indexOf("*/", open + 2) < 0) comment = true;
    const m = HEADER.exec(line);
    if (m) {
      const [, kind, q1, b1, q2, b2] = m;
      const first = q1 ?? b1;
      const second = q2 ?? b2;
      const address =
        kind === "module"
          ? `module.${first}`
          : second === undefined
            ? undefined
            : kind === "data"
              ? `data.${first}.${second}`
              : `${first}.${second}`;
      if (address !== undefined && !lines.has(address)) lines.set(address, i + 1);
    }
    const h = HEREDOC.exec(line.replace(/#.*$|\/\/.*$/, ""));
    if (h) heredoc = h[1];
  });
  return lines;
}

/**
 * Terraform JSON (`*.tf.json`, `cdk.tf.json`): the line of the `"<name>": {` key inside
 * `resource.<type>` or `data.<type>`, and of `"<name>"` inside `module`. The text is valid JSON (it
 * parsed); this walks it once, tracking the key path down to depth three. Values below that depth are
 * skipped without decoding, and lines are counted only up to the keys recorded (JSON strings hold no
 * raw line break), so a county room's 18 MB read in one pass over the characters.
 */
export function jsonBlockLines(text: string): BlockLines {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  let counted = 0;
  const path: string[] = [];
  /** The 1-based line of position `at`; positions asked for only grow. */
  const lineAt = (at: number): number => {
    for (let n = text.indexOf("\n", counted); n !== -1 && n < at; n = text.indexOf("\n", n + 1)) line++;
    counted = at;
    return line;
  };
  const skipWs = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      i++;
    }
  };
  /** The index after the string that opens at `start` (its closing quote is the first one not escaped). */
  const stringEnd = (start: number): number => {
    for (let q = text.indexOf('"', start + 1); q !== -1; q = text.indexOf('"', q + 1)) {
      let b = q - 1;
      while (text.charCodeAt(b) === 92) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
    }
    return text.length;
  };
  const readKey = (): string => {
    const end = stringEnd(i);
    const raw = text.slice(i + 1, end - 1);
    const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end)) as string) : raw;
    i = end;
    return key;
  };
  const record = (key: string, at: number) => {
    const [top, type] = path;
    if (path.length === 2 && (top === "resource" || top === "data") && type !== undefined) {
      const address = top === "data" ? `data.${type}.${key}` : `${type}.${key}`;
      if (!lines.has(address)) lines.set(address, lineAt(at));
    } else if (path.length === 1 && top === "module" && !lines.has(`module.${key}`)) lines.set(`module.${key}`, lineAt(at));
  };
  /** Skips the value at `i` whole: no key below it is recorded. */
  const skipValue = (): void => {
    const c = text.charCodeAt(i);
    if (c === 34) return void (i = stringEnd(i));
    if (c !== 123 && c !== 91) {
      while (i < text.length && !",}] \t\r\n".includes(text.charAt(i))) i++;
      return;
    }
    let depth = 0;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 34) {
        i = stringEnd(i);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return void i++;
      i++;
    }
  };
  const value = (depth: number): void => {
    skipWs();
    if (depth >= 3) return skipValue();
    const c = text.charAt(i);
    if (c === "{") {
      i++;
      for (;;) {
        skipWs();
        if (text.charAt(i) === "}") return void i++;
        const at = i;
        const key = readKey();
        record(key, at);
        skipWs();
        i++; // ':'
        path.push(key);
        value(depth + 1);
        path.pop();
        skipWs();
        if (text.charAt(i) === ",") i++;
      }
    }
    if (c === "[") {
      i++;
      for (;;) {
        skipWs();
        if (text.charAt(i) === "]") return void i++;
        path.push("[]");
        value(depth + 1);
        path.pop();
        skipWs();
        if (text.charAt(i) === ",") i++;
      }
    }
    skipValue();
  };
  value(0);
  return lines;
}
