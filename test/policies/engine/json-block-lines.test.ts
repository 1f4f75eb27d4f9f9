import { jsonBlockLines } from "../../../policies/engine/block-lines";

/**
 * jsonBlockLines skips what lies below a block's key without decoding it and counts lines only up to
 * the keys it records: strings that hold quotes, backslashes, braces or brackets must not throw it off,
 * in pretty-printed JSON or on one line.
 */
describe("the lines of Terraform JSON blocks", () => {
  const tricky = {
    "//": { note: 'a "quoted" { brace } [bracket] \\ backslash\\' },
    resource: {
      vsphere_tag: {
        'we"ird\\name': { name: '}]\\"', nested: { deep: [{ a: "{" }, ["]"], 1, true, null, -2.5e3] } },
        plain: { list: [[[]]], empty: {} },
      },
      "x-y": { after: { v: "\\\\" } },
    },
    data: { vsphere_network: { n: { name: "[{" } } },
    module: { m: { source: "./m", inputs: { resource: { fake: { block: {} } } } } },
  };

  test("pretty-printed: each block's key line, whatever its strings hold", () => {
    const text = JSON.stringify(tricky, null, 2);
    const lines = text.split("\n");
    const lineOf = (key: string) => lines.findIndex((l) => l.startsWith(`      ${JSON.stringify(key)}: {`)) + 1;
    expect(Object.fromEntries(jsonBlockLines(text))).toEqual({
      'vsphere_tag.we"ird\\name': lineOf('we"ird\\name'),
      "vsphere_tag.plain": lineOf("plain"),
      "x-y.after": lineOf("after"),
      "data.vsphere_network.n": lineOf("n"),
      "module.m": lines.findIndex((l) => l.startsWith('    "m": {')) + 1,
    });
  });

  test("on one line: every block on line 1; a repeated key keeps its first line", () => {
    const text = JSON.stringify(tricky);
    expect([...jsonBlockLines(text).values()]).toEqual([1, 1, 1, 1, 1]);
    const repeated = '{\n"resource": {\n"a": {\n"b": {}\n},\n"a": {\n"b": {}\n}\n}\n}';
    expect(Object.fromEntries(jsonBlockLines(repeated))).toEqual({ "a.b": 4 });
  });
});
