// Compares the generated disassembler with the committed objdump references and prints the
// agreement report. For table authors:
//   node --import tsx scripts/agreement.ts --isa ppc440 [--only MNEM[,MNEM...]] [--top N] [--examples N] [--be]
//     [--ase] [--by-table]
// --ase: words objdump shows as an ASE instruction (test/refs/<isa>/ase-mnemonics.txt) are
//        expected as the invalid form (.word 0x…), as a base-ISA disassembler must print them.
// --by-table: also print the agreement per table (of the entry our decoder picked; "invalid"
//        for words it rejects).
import { parseArgs } from "node:util";
import { loadIsa, type IsaName } from "../generated/index.ts";
import { aseOf, expectAseInvalid, loadAseList } from "./refs/ase.ts";
import type { RefEntry } from "./refs/objdump.ts";
import { compareCorpus, expectedMnemonic, formatReport, iterateRefs, loadKnownMismatches, normalizeText, REFS_DIR } from "../test/support/refs.ts";

const { values } = parseArgs({
  options: {
    isa: { type: "string", default: "ppc440" },
    only: { type: "string" },
    top: { type: "string", default: "40" },
    examples: { type: "string", default: "3" },
    be: { type: "boolean", default: false },
    ase: { type: "boolean", default: false },
    "by-table": { type: "boolean", default: false },
  },
});
const g = await loadIsa(values.isa! as IsaName);
const only = values.only ? new Set(values.only.split(",")) : undefined;
const strip = (m: string) => m.replace(/[+-]$/, "");
const aseList = loadAseList(REFS_DIR, values.isa!);
type Ref = RefEntry & { ase?: boolean };
const refs: Iterable<Ref> = values.ase
  ? (function* () {
      for (const e of iterateRefs(values.isa!)) {
        const ase = aseOf(aseList, e.text) !== undefined || (e.textEB !== undefined && aseOf(aseList, e.textEB) !== undefined);
        if (!ase) yield e;
        else for (const x of expectAseInvalid([e], aseList, g.ISA.invalid)) yield { ...x, ase: true };
      }
    })()
  : iterateRefs(values.isa!);
const byTable = new Map<string, { total: number; agree: number }>();
const base = { total: 0, agree: 0 };
const result = compareCorpus(
  refs,
  (w, a) => g.disassemble(w, a),
  {
    bigEndian: values.be,
    filter: (e: Ref) => {
      const keep = only
        ? only.has(strip(expectedMnemonic(e.text))) || only.has(strip(expectedMnemonic(g.disassemble(e.word, e.addr))))
        : true;
      if (keep && (values["by-table"] || values.ase)) {
        const exp = normalizeText(values.be ? (e.textEB ?? e.text) : e.text);
        const ok = normalizeText(g.disassemble(e.word, e.addr)) === exp;
        if (!e.ase) (base.total++, ok && base.agree++);
        const info = g.INFO[g.decode(e.word)];
        const table = info.source ? info.source.replace(/:\d+$/, "") : "invalid";
        const t = byTable.get(table) ?? { total: 0, agree: 0 };
        t.total++;
        if (ok) t.agree++;
        byTable.set(table, t);
      }
      return keep;
    },
  },
);
console.log(
  formatReport(result, {
    title: `${values.isa} vs objdump${values.ase ? " (ASE words expected as invalid)" : ""}${only ? ` (only ${[...only].join(",")})` : ""}`,
    top: Number(values.top),
    examples: Number(values.examples),
    known: loadKnownMismatches(values.isa!),
  }),
);
const pct = (a: number, n: number) => `${a}/${n} (${((100 * a) / (n || 1)).toFixed(3)}%)`;
if (values.ase) console.log(`\nnon-ASE words: ${pct(base.agree, base.total)}; ASE words: ${pct(result.agree - base.agree, result.total - base.total)}`);
if (values["by-table"]) {
  console.log("\nby table (of the decoded entry):");
  for (const [t, c] of [...byTable].sort()) console.log(`  ${t}: ${pct(c.agree, c.total)}`);
}
