// Compares the generated disassembler with the committed objdump references and prints the
// agreement report. For table authors:
//   node --import tsx scripts/agreement.ts --isa ppc440 [--only MNEM[,MNEM...]] [--top N] [--examples N] [--be]
import { parseArgs } from "node:util";
import { loadGenerated } from "../generator/cli.ts";
import { compareCorpus, expectedMnemonic, formatReport, iterateRefs, loadKnownMismatches } from "../test/support/refs.ts";

const { values } = parseArgs({
  options: {
    isa: { type: "string", default: "ppc440" },
    only: { type: "string" },
    top: { type: "string", default: "40" },
    examples: { type: "string", default: "3" },
    be: { type: "boolean", default: false },
  },
});
const g = await loadGenerated(values.isa!);
const only = values.only ? new Set(values.only.split(",")) : undefined;
const strip = (m: string) => m.replace(/[+-]$/, "");
const result = compareCorpus(iterateRefs(values.isa!), (w, a) => g.disassemble(w, a), {
  bigEndian: values.be,
  filter: only
    ? (e) => only.has(strip(expectedMnemonic(e.text))) || only.has(strip(expectedMnemonic(g.disassemble(e.word, e.addr))))
    : undefined,
});
console.log(
  formatReport(result, {
    title: `${values.isa} vs objdump${only ? ` (only ${[...only].join(",")})` : ""}`,
    top: Number(values.top),
    examples: Number(values.examples),
    known: loadKnownMismatches(values.isa!),
  }),
);
