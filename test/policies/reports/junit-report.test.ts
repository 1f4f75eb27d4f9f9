import type { ComplianceResult } from "../../../policies/compliance";
import { formatReport } from "../../../policies/report/formats";
import { xmlEscape } from "../../../policies/report/junit-report";
import { kvistrupResult } from "./kvistrup-report";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A small well-formedness check (no XML library is a dependency): one declaration, tags that nest and
 * close, attributes quoted once each, only the five predefined entities and character references,
 * no raw `<` or `&` in text. Returns the document element.
 */
function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/;
  if (!decl.test(xml)) throw new Error("no XML declaration");
  const body = xml.replace(decl, "");
  const checkText = (t: string) => {
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(t)) throw new Error(`bad text: ${t.slice(0, 80)}`);
    return t
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  };
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(body)) !== null) {
    at = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += checkText(m[5]);
      continue;
    }
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([A-Za-z][\w.-]*)="([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`attribute ${a[1]} twice on <${name}>`);
      attrs[a[1]] = checkText(a[2]);
    }
    const el: XmlElement = { name: name, attrs, children: [], text: "" };
    top.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (at !== body.length) throw new Error(`not XML at offset ${at}: ${body.slice(at, at + 60)}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error("expected one document element");
  return elements[0];
}

const all = (e: XmlElement, name: string): XmlElement[] => [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => all(c, name))];

describe("junit.xml", () => {
  const result = kvistrupResult();
  const doc = parseXml(formatReport(result, "junit"));
  const cases = all(doc, "testcase");

  test("is well-formed, and its counts add up per suite and in total", () => {
    expect(doc.name).toBe("testsuites");
    for (const suite of [doc, ...all(doc, "testsuite")]) {
      const own = all(suite, "testcase");
      expect(Number(suite.attrs.tests)).toBe(own.length);
      expect(Number(suite.attrs.failures)).toBe(own.filter((c) => c.children.some((x) => x.name === "failure")).length);
      expect(Number(suite.attrs.errors)).toBe(own.filter((c) => c.children.some((x) => x.name === "error")).length);
      expect(Number(suite.attrs.skipped)).toBe(own.filter((c) => c.children.some((x) => x.name === "skipped")).length);
    }
  });

  test("one suite per area and one for the not-covered controls; a case per failing object, and one per rule for the rest", () => {
    const suites = all(doc, "testsuite").map((s) => s.attrs.name);
    expect(suites).toEqual([...new Set(result.rules.map((r) => r.area))].sort().concat("not-covered"));
    const failing = result.findings.filter((f) => (f.outcome === "fail" || f.outcome === "error") && !f.waiver);
    expect(all(doc, "failure").length + all(doc, "error").length).toBe(failing.length);
    const attested = result.findings.filter((f) => f.outcome === "attested");
    const attestedCases = all(doc, "skipped").filter((s) => s.attrs.message?.startsWith("attested, not checked: "));
    expect(attestedCases).toHaveLength(attested.length);
    const notCovered = all(doc, "testsuite").find((s) => s.attrs.name === "not-covered");
    expect(all(notCovered!, "skipped").map((s) => s.attrs.message?.slice(0, 13))).toEqual(result.notCovered.map(() => "not covered: "));
    const notEvaluable = all(doc, "skipped").filter((s) => s.attrs.message?.startsWith("not evaluable ("));
    const perRuleAndSite = new Set(result.findings.filter((f) => f.outcome === "not-evaluable").map((f) => `${f.rule} ${f.site}`));
    expect(notEvaluable).toHaveLength(perRuleAndSite.size);
    const passing = cases.filter((c) => c.children.length === 1 && c.children[0].name === "system-out");
    expect(passing.length).toBeGreaterThan(0);
    for (const c of passing) expect(c.children[0].text).toMatch(/^\d+ pass, \d+ not applicable/);
  });

  test("the case count does not grow with passing objects (a county room has 10^5)", () => {
    const many: ComplianceResult = structuredClone(result);
    const passes = many.findings.filter((f) => f.outcome === "pass");
    for (let i = 0; i < 20; i++) many.findings.push(...passes.map((f) => ({ ...f, address: `${f.address}_${i}` })));
    expect(many.findings.length).toBeGreaterThan(20 * 1000);
    const more = parseXml(formatReport(many, "junit"));
    expect(all(more, "testcase")).toHaveLength(cases.length);
  });

  test("escapes markup and characters XML cannot hold", () => {
    expect(xmlEscape(`a<b & "c" 'd'>\u0001`)).toBe("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\\u0001");
    const hostile: ComplianceResult = structuredClone(result);
    const f = hostile.findings.find((x) => x.outcome === "fail")!;
    f.observed = `</failure><x a="1">&\u0000 ]]>`;
    const parsed = parseXml(formatReport(hostile, "junit"));
    expect(all(parsed, "failure").some((e) => e.attrs.message?.startsWith(`</failure><x a="1">&\\u0000 ]]>`))).toBe(true);
  });
});
