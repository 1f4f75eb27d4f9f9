import { pointerOf, type SpecError } from "./spec-error";
import type { SpecFile } from "./spec-file";

/**
 * Finds credentials written into a spec file, which would end up in git and in the synthesized JSON.
 * Every string is scanned, keys as well as values, structured fields and free text alike. What is
 * reported names the kind of credential and where it is, never the value or any part of it.
 *
 * The rule for free text: a credential word followed by `=` or `:` and a value is a written
 * credential (`password = x`, `root password: x`, `token=x`); the word alone describes one and is
 * fine (`password manager`, `Kerberos password change`, `the token is kept in the vault`).
 */

/** Name endings that make a field or parameter a credential, however it is cased and separated, also in the plural. */
const CREDENTIAL_ENDINGS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "credential",
  "authorization",
];
/** Short names that are credentials only as a whole word (`pass`, not `bypass`). */
const CREDENTIAL_WORDS = new Set(["pass", "pwd", "pw"]);
/** More names that are credentials as URL query parameters (`?sig=`, `?X-Amz-Signature=`, `?key=`). */
const URL_CREDENTIAL_WORDS = new Set(["sig", "signature", "key"]);

/**
 * A name and a value: `name=value`, `name = value` or `name: value`. The name may be two words
 * ("api key = ..."); the character before it tells whether it is a URL query parameter.
 */
const NAME_VALUE = /(^|[^\w.-])((?:[A-Za-z][\w.-]* )?[A-Za-z][\w.-]*)[ \t]*([=:])[ \t]*(?=[^\s&;,])/g;

/**
 * User information inside a URL, with any characters in the password: without `/ ? # @` and spaces
 * (`user@`, `user:pass@`, `:token@`), a password holding `/` or `@`, or a password with spaces
 * (unless the colon starts a port: `https://host:8443/path`, then a mail address further on).
 */
const URL_USERINFO = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/(?:[^\s/?#@]*@|[^\s:/?#@]*:\S*@|[^\s:/?#@]*:(?!\d{1,5}(?:[/?#]|$))[^\n]*@)/i;

/**
 * `user:password@host` without a scheme, as in a host field (`tf:pw@db.example`); the user may hold
 * `@` (`administrator@vsphere.local:pw@vc`). Not a mail or phone URI (`mailto:ops@x`, `sip:100@pbx`).
 */
const BARE_USERINFO = /(?:^|\s)(?!(?:mailto|sips?|xmpp|im|pres|tel|urn):)[^\s:/?#]+:[^\s/?#]\S*@[A-Za-z0-9]/i;

/** A PEM or PGP private key block. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;

/** Tokens recognised by their shape alone. */
const TOKEN_SHAPES: { shape: RegExp; what: string }[] = [
  { shape: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: "an AWS access key id" },
  { shape: /\bgh[pousr]_[A-Za-z0-9]{30,}/, what: "a GitHub token" },
  { shape: /\bglpat-[A-Za-z0-9_-]{20,}/, what: "a GitLab token" },
  { shape: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: "a Slack token" },
  { shape: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/, what: "a JSON web token" },
  { shape: /\bBearer [A-Za-z0-9._~+/-]{16,}/, what: "a bearer token" },
];

const HOW =
  "credentials are supplied at plan time (sensitive Terraform variables or the provider's environment variables), never written in spec files";

/** What a scan found. */
export interface SecretScan {
  /** One error per credential found, located at its key or value. */
  errors: SpecError[];
  /**
   * Whether another error at `pointer` could show a flagged value or a flagged field name: the
   * pointer is flagged, lies inside a flagged value, or is a parent that a message would describe by
   * its field names. The loader drops such errors; the rest are reported once the credential is gone.
   */
  covers(pointer: string): boolean;
}

/** Words of a name, however it is cased and separated: `clientSecret`, `X-Amz-Signature`, `api_key`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a field, parameter or text name names a credential; `inUrl` for a URL query parameter. */
export function namesCredential(name: string, inUrl = false): boolean {
  const parts = words(name);
  const last = parts[parts.length - 1] ?? "";
  const singular = parts.join("").replace(/s$/, "");
  return (
    CREDENTIAL_ENDINGS.some((ending) => singular.endsWith(ending)) ||
    CREDENTIAL_WORDS.has(last) ||
    (inUrl && URL_CREDENTIAL_WORDS.has(last))
  );
}

/**
 * What every pattern above needs somewhere in the text: a colon or equals sign (URL user info, a user
 * and password, name=value, name: value), a key block's start, or a token's prefix. Most values (an
 * address, a name) have none, and are passed over with one test. A new pattern must add its own here.
 */
const MAY_HOLD_CREDENTIAL = /[:=]|-----BEGIN|AKIA|ASIA|gh[pousr]_|glpat-|xox[abprs]-|eyJ|Bearer /;

/** What credential a text holds, in words, or undefined when it holds none. */
export function credentialIn(text: string): string | undefined {
  if (!MAY_HOLD_CREDENTIAL.test(text)) return undefined;
  if (PRIVATE_KEY.test(text)) return "a private key block (-----BEGIN ... PRIVATE KEY-----)";
  const userinfo = URL_USERINFO.exec(text);
  if (userinfo) {
    const afterScheme = userinfo[0].slice(userinfo[0].indexOf("://") + 3);
    return afterScheme.includes(":") ? "a user name and password inside a URL" : "a user name or token inside a URL (user@host)";
  }
  if (BARE_USERINFO.test(text)) return "a user name and password before a host name (user:password@host)";
  for (const [, before, name, sign] of text.matchAll(NAME_VALUE)) {
    const inUrl = sign === "=" && /[?&;]/.test(before);
    if (namesCredential(name, inUrl)) {
      return inUrl
        ? "a credential as a URL parameter (password=, access_token=, sig=, ...)"
        : "a credential written as name=value or name: value (password=..., token: ...)";
    }
  }
  return TOKEN_SHAPES.find(({ shape }) => shape.test(text))?.what;
}

/** A value under a credential-named key is a credential unless it is empty or a switch. */
function isWrittenValue(value: unknown): boolean {
  return value !== null && value !== "" && typeof value !== "boolean";
}

/** Finds the credentials written into a spec file. */
export function findSecrets(file: SpecFile): SecretScan {
  const errors: SpecError[] = [];
  const flagged: string[] = [];
  // Field names repeat across a file's entries, and many values too: each text is judged once.
  const keyVerdicts = new Map<string, { inKey?: string; names: boolean }>();
  const valueVerdicts = new Map<string, string | undefined>();
  const judgeKey = (key: string) => {
    let verdict = keyVerdicts.get(key);
    if (!verdict) keyVerdicts.set(key, (verdict = { inKey: credentialIn(key), names: namesCredential(key) }));
    return verdict;
  };
  const judgeValue = (text: string) => {
    if (!valueVerdicts.has(text)) valueVerdicts.set(text, credentialIn(text));
    return valueVerdicts.get(text);
  };
  // `pointer` is the JSON pointer of `value`, built as the walk descends.
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${pointer}/${i}`));
    if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        const here = pointer + pointerOf([key]);
        const { inKey, names } = judgeKey(key);
        if (inKey) {
          // The key itself holds the credential: its pointer would show it, so report at the parent.
          flagged.push(here);
          errors.push({ ...file.error(here, "", true), pointer, message: `found ${inKey} in a field name; ${HOW}` });
        } else if (names && isWrittenValue(child)) {
          flagged.push(here);
          errors.push(file.error(here, `found a credential in field "${key}"; ${HOW}`, true));
        } else {
          visit(child, here);
        }
      }
      return;
    }
    const found = typeof value === "string" ? judgeValue(value) : undefined;
    if (found) {
      flagged.push(pointer);
      errors.push(file.error(pointer, `found ${found}; ${HOW}`));
    }
  };
  visit(file.data, "");
  const covers = (pointer: string): boolean =>
    flagged.some((f) => f === pointer || f.startsWith(pointer + "/") || pointer.startsWith(f + "/"));
  return { errors, covers };
}
