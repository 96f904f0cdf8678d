// Broken tables must give one clear message at the right file:line:col, exit code 1, and leave
// generated/ untouched. Each case is a table under test/bad-tables/, run as the only table of a
// throw-away repository.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { ROOT } from "../support/root.ts";

/** case → the one diagnostic expected: position in the table, and the message. */
const CASES: Record<string, [string, string]> = {
  "yaml-syntax": ["8:1", "YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }"],
  "unknown-key": ["6:1", "unknown key 'instrutions' in the table"],
  "wrong-type": ["7:78", "'privileged' must be of type boolean"],
  "short-pattern": ["7:13", "addu: pattern has 31 bits, not 32"],
  overlap: [
    "9:5",
    "subu overlaps addu (opcodes/bad/overlap.yaml:8:5): the encodings intersect; both match 0x00000021. Make the encodings disjoint, or say which wins with 'overrides: [subu]' on addu (or the reverse)",
  ],
  "duplicate-mnemonic": ["6:5", "mnemonic 'sync' is defined twice in dialect 't' (also at opcodes/bad/duplicate-mnemonic.yaml:5:5)"],
  "alias-unknown-operand": ["11:35", "alias 'move' of addu: 'rd' is not an operand of addu (its bits are fixed or ignored)"],
  "field-over-fixed": ["12:32", "addi: the asm 'rt,ra,si' prints 'rt', but this entry fixes it (rt: 0); give the entry its own asm"],
  "field-misplaced": ["7:12", "lui: field 'rt' is defined at bits 20-16, but the pattern places it at bits 25-21"],
  "alias-never-holds": ["9:32", "alias 'ret' of jr: condition 'rs == 40' can never hold (checked 32 operand combinations of rs)"],
  "form-hole": ["11:3", "form 'X' leaves bits 21-30 neither fixed nor covered by a field"],
  "operand-not-printed": ["13:5", `lwzx: operand rb (bits 16-20) is never printed: add it to asm, or mark it ignored with 'rb: "-"'`],
};

function sandbox(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `isagen-bad-${name}-`));
  mkdirSync(join(dir, "opcodes", "bad"), { recursive: true });
  for (const s of ["schema.json", "isas.schema.json"]) cpSync(join(ROOT, "opcodes", s), join(dir, "opcodes", s));
  cpSync(join(ROOT, "test", "bad-tables", `${name}.yaml`), join(dir, "opcodes", "bad", `${name}.yaml`));
  writeFileSync(
    join(dir, "opcodes", "isas.yaml"),
    `isas:\n  t:\n    endian: little\n    tables: [bad/${name}.yaml]\n    dialects: [t]\n    invalid: .word\n`,
  );
  // A generated file from an earlier run, which a failed run must leave alone.
  mkdirSync(join(dir, "generated", "t"), { recursive: true });
  writeFileSync(join(dir, "generated", "t", "decoder.ts"), "// earlier output\n");
  return dir;
}

describe("broken tables", () => {
  it("covers every case in test/bad-tables", () => {
    const files = readdirSync(join(ROOT, "test", "bad-tables")).map((f) => f.replace(/\.yaml$/, ""));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, [pos, message]] of Object.entries(CASES)) {
    it(`${name}: ${message.slice(0, 60)}`, async () => {
      const dir = sandbox(name);
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["node", "isagen", "gen", "--root", dir], { out: (s) => out.push(s), err: (s) => err.push(s) });
      expect(code).toBe(1);
      expect(err[0]).toBe(`opcodes/bad/${name}.yaml:${pos}: error: ${message}`);
      expect(err.slice(1)).toEqual(["1 error; nothing was written."]);
      expect(readdirSync(join(dir, "generated", "t"))).toEqual(["decoder.ts"]);
      expect(readFileSync(join(dir, "generated", "t", "decoder.ts"), "utf8")).toBe("// earlier output\n");
    });
  }

  it("reports every problem of a run, not just the first", async () => {
    const dir = sandbox("overlap");
    const table = join(dir, "opcodes", "bad", "overlap.yaml");
    writeFileSync(
      table,
      readFileSync(table, "utf8") +
        '  - lui: { bits: "001111 00000 rt 0000000000000000" }\n' +
        'aliases:\n  - { name: never, of: addu, when: "rs > 31" }\n',
    );
    const err: string[] = [];
    const code = await main(["node", "isagen", "gen", "--root", dir], { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(err.at(-1)).toMatch(/^\d+ errors; nothing was written\.$/);
    expect(err.slice(0, -1)).toEqual([
      "opcodes/bad/overlap.yaml:9:5: error: subu overlaps addu (opcodes/bad/overlap.yaml:8:5): the encodings intersect; both match 0x00000021. Make the encodings disjoint, or say which wins with 'overrides: [subu]' on addu (or the reverse)",
      "opcodes/bad/overlap.yaml:10:5: error: lui: operand rt (bits 20-16) is never printed: add it to asm, or mark it ignored with 'rt: \"-\"'",
      "opcodes/bad/overlap.yaml:12:36: error: alias 'never' of addu: condition 'rs > 31' can never hold (checked 32 operand combinations of rs)",
    ]);
  });
});
