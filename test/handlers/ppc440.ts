// A handler set for ppc440 that records which handler dispatch reached: every method returns
// its own name. It stands in for the runtime's handler sets: a new table entry is a type error
// here until `npm run gen -- --scaffold` adds its stub.
import type { Handlers } from "../../generated/ppc440/handlers.ts";

export class RecordingHandlers implements Handlers<string> {
  unimplemented(name: string, _w: number): string {
    return name;
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addi(w: number): string {
    return this.unimplemented("addi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addis(w: number): string {
    return this.unimplemented("addis", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  add(w: number): string {
    return this.unimplemented("add", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subf(w: number): string {
    return this.unimplemented("subf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ori(w: number): string {
    return this.unimplemented("ori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  or(w: number): string {
    return this.unimplemented("or", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwz(w: number): string {
    return this.unimplemented("lwz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzx(w: number): string {
    return this.unimplemented("lbzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  b(w: number): string {
    return this.unimplemented("b", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc(w: number): string {
    return this.unimplemented("bc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bclr(w: number): string {
    return this.unimplemented("bclr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  invalid(w: number): string {
    return this.unimplemented("invalid", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bcctr(w: number): string {
    return this.unimplemented("bcctr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sc(w: number): string {
    return this.unimplemented("sc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrf(w: number): string {
    return this.unimplemented("mcrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crand(w: number): string {
    return this.unimplemented("crand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crandc(w: number): string {
    return this.unimplemented("crandc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  creqv(w: number): string {
    return this.unimplemented("creqv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crnand(w: number): string {
    return this.unimplemented("crnand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crnor(w: number): string {
    return this.unimplemented("crnor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cror(w: number): string {
    return this.unimplemented("cror", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crorc(w: number): string {
    return this.unimplemented("crorc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crxor(w: number): string {
    return this.unimplemented("crxor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfcr(w: number): string {
    return this.unimplemented("mfcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfocrf(w: number): string {
    return this.unimplemented("mfocrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtcrf(w: number): string {
    return this.unimplemented("mtcrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtocrf(w: number): string {
    return this.unimplemented("mtocrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrxr(w: number): string {
    return this.unimplemented("mcrxr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addic(w: number): string {
    return this.unimplemented("addic", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addic_dot(w: number): string {
    return this.unimplemented("addic_dot", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfic(w: number): string {
    return this.unimplemented("subfic", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulli(w: number): string {
    return this.unimplemented("mulli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addc(w: number): string {
    return this.unimplemented("addc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  adde(w: number): string {
    return this.unimplemented("adde", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addme(w: number): string {
    return this.unimplemented("addme", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addze(w: number): string {
    return this.unimplemented("addze", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfc(w: number): string {
    return this.unimplemented("subfc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfe(w: number): string {
    return this.unimplemented("subfe", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfme(w: number): string {
    return this.unimplemented("subfme", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfze(w: number): string {
    return this.unimplemented("subfze", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  neg(w: number): string {
    return this.unimplemented("neg", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullw(w: number): string {
    return this.unimplemented("mullw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhw(w: number): string {
    return this.unimplemented("mulhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhwu(w: number): string {
    return this.unimplemented("mulhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divw(w: number): string {
    return this.unimplemented("divw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divwu(w: number): string {
    return this.unimplemented("divwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpi(w: number): string {
    return this.unimplemented("cmpi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpli(w: number): string {
    return this.unimplemented("cmpli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmp(w: number): string {
    return this.unimplemented("cmp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpl(w: number): string {
    return this.unimplemented("cmpl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  twi(w: number): string {
    return this.unimplemented("twi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tw(w: number): string {
    return this.unimplemented("tw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andi(w: number): string {
    return this.unimplemented("andi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andis(w: number): string {
    return this.unimplemented("andis", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  oris(w: number): string {
    return this.unimplemented("oris", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xori(w: number): string {
    return this.unimplemented("xori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xoris(w: number): string {
    return this.unimplemented("xoris", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  and(w: number): string {
    return this.unimplemented("and", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andc(w: number): string {
    return this.unimplemented("andc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  orc(w: number): string {
    return this.unimplemented("orc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xor(w: number): string {
    return this.unimplemented("xor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nand(w: number): string {
    return this.unimplemented("nand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nor(w: number): string {
    return this.unimplemented("nor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eqv(w: number): string {
    return this.unimplemented("eqv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  extsb(w: number): string {
    return this.unimplemented("extsb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  extsh(w: number): string {
    return this.unimplemented("extsh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cntlzw(w: number): string {
    return this.unimplemented("cntlzw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwimi(w: number): string {
    return this.unimplemented("rlwimi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwinm(w: number): string {
    return this.unimplemented("rlwinm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwnm(w: number): string {
    return this.unimplemented("rlwnm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  slw(w: number): string {
    return this.unimplemented("slw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srw(w: number): string {
    return this.unimplemented("srw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sraw(w: number): string {
    return this.unimplemented("sraw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srawi(w: number): string {
    return this.unimplemented("srawi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbz(w: number): string {
    return this.unimplemented("lbz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzu(w: number): string {
    return this.unimplemented("lbzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhz(w: number): string {
    return this.unimplemented("lhz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzu(w: number): string {
    return this.unimplemented("lhzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lha(w: number): string {
    return this.unimplemented("lha", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhau(w: number): string {
    return this.unimplemented("lhau", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzu(w: number): string {
    return this.unimplemented("lwzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stb(w: number): string {
    return this.unimplemented("stb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbu(w: number): string {
    return this.unimplemented("stbu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sth(w: number): string {
    return this.unimplemented("sth", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthu(w: number): string {
    return this.unimplemented("sthu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stw(w: number): string {
    return this.unimplemented("stw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwu(w: number): string {
    return this.unimplemented("stwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lmw(w: number): string {
    return this.unimplemented("lmw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stmw(w: number): string {
    return this.unimplemented("stmw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzux(w: number): string {
    return this.unimplemented("lbzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzx(w: number): string {
    return this.unimplemented("lhzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzux(w: number): string {
    return this.unimplemented("lhzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhax(w: number): string {
    return this.unimplemented("lhax", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhaux(w: number): string {
    return this.unimplemented("lhaux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzx(w: number): string {
    return this.unimplemented("lwzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzux(w: number): string {
    return this.unimplemented("lwzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbx(w: number): string {
    return this.unimplemented("stbx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbux(w: number): string {
    return this.unimplemented("stbux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthx(w: number): string {
    return this.unimplemented("sthx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthux(w: number): string {
    return this.unimplemented("sthux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwx(w: number): string {
    return this.unimplemented("stwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwux(w: number): string {
    return this.unimplemented("stwux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhbrx(w: number): string {
    return this.unimplemented("lhbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwbrx(w: number): string {
    return this.unimplemented("lwbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthbrx(w: number): string {
    return this.unimplemented("sthbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwbrx(w: number): string {
    return this.unimplemented("stwbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lswi(w: number): string {
    return this.unimplemented("lswi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lswx(w: number): string {
    return this.unimplemented("lswx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stswi(w: number): string {
    return this.unimplemented("stswi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stswx(w: number): string {
    return this.unimplemented("stswx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwarx(w: number): string {
    return this.unimplemented("lwarx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwcx(w: number): string {
    return this.unimplemented("stwcx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfspr(w: number): string {
    return this.unimplemented("mfspr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtspr(w: number): string {
    return this.unimplemented("mtspr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbf(w: number): string {
    return this.unimplemented("dcbf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbst(w: number): string {
    return this.unimplemented("dcbst", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbt(w: number): string {
    return this.unimplemented("dcbt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbtst(w: number): string {
    return this.unimplemented("dcbtst", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbz(w: number): string {
    return this.unimplemented("dcbz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icbi(w: number): string {
    return this.unimplemented("icbi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  isync(w: number): string {
    return this.unimplemented("isync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sync(w: number): string {
    return this.unimplemented("sync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwsync(w: number): string {
    return this.unimplemented("lwsync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mbar(w: number): string {
    return this.unimplemented("mbar", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rfi(w: number): string {
    return this.unimplemented("rfi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rfci(w: number): string {
    return this.unimplemented("rfci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rfmci(w: number): string {
    return this.unimplemented("rfmci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfmsr(w: number): string {
    return this.unimplemented("mfmsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtmsr(w: number): string {
    return this.unimplemented("mtmsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wrtee(w: number): string {
    return this.unimplemented("wrtee", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wrteei(w: number): string {
    return this.unimplemented("wrteei", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbre(w: number): string {
    return this.unimplemented("tlbre", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbwe(w: number): string {
    return this.unimplemented("tlbwe", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbsx(w: number): string {
    return this.unimplemented("tlbsx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbivax(w: number): string {
    return this.unimplemented("tlbivax", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbsync(w: number): string {
    return this.unimplemented("tlbsync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbi(w: number): string {
    return this.unimplemented("dcbi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcba(w: number): string {
    return this.unimplemented("dcba", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icbt(w: number): string {
    return this.unimplemented("icbt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfapidi(w: number): string {
    return this.unimplemented("mfapidi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulchw(w: number): string {
    return this.unimplemented("mulchw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulchwu(w: number): string {
    return this.unimplemented("mulchwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhhw(w: number): string {
    return this.unimplemented("mulhhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhhwu(w: number): string {
    return this.unimplemented("mulhhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullhw(w: number): string {
    return this.unimplemented("mullhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullhwu(w: number): string {
    return this.unimplemented("mullhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchw(w: number): string {
    return this.unimplemented("macchw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchws(w: number): string {
    return this.unimplemented("macchws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchwsu(w: number): string {
    return this.unimplemented("macchwsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  macchwu(w: number): string {
    return this.unimplemented("macchwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhw(w: number): string {
    return this.unimplemented("machhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhws(w: number): string {
    return this.unimplemented("machhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhwsu(w: number): string {
    return this.unimplemented("machhwsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  machhwu(w: number): string {
    return this.unimplemented("machhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhw(w: number): string {
    return this.unimplemented("maclhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhws(w: number): string {
    return this.unimplemented("maclhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhwsu(w: number): string {
    return this.unimplemented("maclhwsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maclhwu(w: number): string {
    return this.unimplemented("maclhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmacchw(w: number): string {
    return this.unimplemented("nmacchw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmacchws(w: number): string {
    return this.unimplemented("nmacchws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmachhw(w: number): string {
    return this.unimplemented("nmachhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmachhws(w: number): string {
    return this.unimplemented("nmachhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmaclhw(w: number): string {
    return this.unimplemented("nmaclhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmaclhws(w: number): string {
    return this.unimplemented("nmaclhws", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi0fcm(w: number): string {
    return this.unimplemented("udi0fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi1fcm(w: number): string {
    return this.unimplemented("udi1fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi2fcm(w: number): string {
    return this.unimplemented("udi2fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi3fcm(w: number): string {
    return this.unimplemented("udi3fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi4fcm(w: number): string {
    return this.unimplemented("udi4fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi5fcm(w: number): string {
    return this.unimplemented("udi5fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi6fcm(w: number): string {
    return this.unimplemented("udi6fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi7fcm(w: number): string {
    return this.unimplemented("udi7fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi8fcm(w: number): string {
    return this.unimplemented("udi8fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi9fcm(w: number): string {
    return this.unimplemented("udi9fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi10fcm(w: number): string {
    return this.unimplemented("udi10fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi11fcm(w: number): string {
    return this.unimplemented("udi11fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi12fcm(w: number): string {
    return this.unimplemented("udi12fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi13fcm(w: number): string {
    return this.unimplemented("udi13fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi14fcm(w: number): string {
    return this.unimplemented("udi14fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi15fcm(w: number): string {
    return this.unimplemented("udi15fcm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dlmzb(w: number): string {
    return this.unimplemented("dlmzb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcr(w: number): string {
    return this.unimplemented("mfdcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcr(w: number): string {
    return this.unimplemented("mtdcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcrx(w: number): string {
    return this.unimplemented("mfdcrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcrx(w: number): string {
    return this.unimplemented("mtdcrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfdcrux(w: number): string {
    return this.unimplemented("mfdcrux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtdcrux(w: number): string {
    return this.unimplemented("mtdcrux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  iccci(w: number): string {
    return this.unimplemented("iccci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dccci(w: number): string {
    return this.unimplemented("dccci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icread(w: number): string {
    return this.unimplemented("icread", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcread(w: number): string {
    return this.unimplemented("dcread", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbre_440(w: number): string {
    return this.unimplemented("tlbre_440", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbwe_440(w: number): string {
    return this.unimplemented("tlbwe_440", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  isel(w: number): string {
    return this.unimplemented("isel", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfsr(w: number): string {
    return this.unimplemented("mfsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtsr(w: number): string {
    return this.unimplemented("mtsr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfsrin(w: number): string {
    return this.unimplemented("mfsrin", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtsrin(w: number): string {
    return this.unimplemented("mtsrin", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbie(w: number): string {
    return this.unimplemented("tlbie", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbia(w: number): string {
    return this.unimplemented("tlbia", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbli(w: number): string {
    return this.unimplemented("tlbli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eciwx(w: number): string {
    return this.unimplemented("eciwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ecowx(w: number): string {
    return this.unimplemented("ecowx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfs(w: number): string {
    return this.unimplemented("lfs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfsu(w: number): string {
    return this.unimplemented("lfsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfd(w: number): string {
    return this.unimplemented("lfd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfdu(w: number): string {
    return this.unimplemented("lfdu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfs(w: number): string {
    return this.unimplemented("stfs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfsu(w: number): string {
    return this.unimplemented("stfsu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfd(w: number): string {
    return this.unimplemented("stfd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfdu(w: number): string {
    return this.unimplemented("stfdu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfsx(w: number): string {
    return this.unimplemented("lfsx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfsux(w: number): string {
    return this.unimplemented("lfsux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfdx(w: number): string {
    return this.unimplemented("lfdx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lfdux(w: number): string {
    return this.unimplemented("lfdux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfsx(w: number): string {
    return this.unimplemented("stfsx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfsux(w: number): string {
    return this.unimplemented("stfsux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfdx(w: number): string {
    return this.unimplemented("stfdx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfdux(w: number): string {
    return this.unimplemented("stfdux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stfiwx(w: number): string {
    return this.unimplemented("stfiwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fdivs(w: number): string {
    return this.unimplemented("fdivs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsubs(w: number): string {
    return this.unimplemented("fsubs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fadds(w: number): string {
    return this.unimplemented("fadds", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsqrts(w: number): string {
    return this.unimplemented("fsqrts", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fres(w: number): string {
    return this.unimplemented("fres", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmuls(w: number): string {
    return this.unimplemented("fmuls", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmsubs(w: number): string {
    return this.unimplemented("fmsubs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmadds(w: number): string {
    return this.unimplemented("fmadds", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmsubs(w: number): string {
    return this.unimplemented("fnmsubs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmadds(w: number): string {
    return this.unimplemented("fnmadds", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fdiv(w: number): string {
    return this.unimplemented("fdiv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsub(w: number): string {
    return this.unimplemented("fsub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fadd(w: number): string {
    return this.unimplemented("fadd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsqrt(w: number): string {
    return this.unimplemented("fsqrt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fsel(w: number): string {
    return this.unimplemented("fsel", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmul(w: number): string {
    return this.unimplemented("fmul", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  frsqrte(w: number): string {
    return this.unimplemented("frsqrte", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmsub(w: number): string {
    return this.unimplemented("fmsub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmadd(w: number): string {
    return this.unimplemented("fmadd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmsub(w: number): string {
    return this.unimplemented("fnmsub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnmadd(w: number): string {
    return this.unimplemented("fnmadd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  frsp(w: number): string {
    return this.unimplemented("frsp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fctiw(w: number): string {
    return this.unimplemented("fctiw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fctiwz(w: number): string {
    return this.unimplemented("fctiwz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fcmpu(w: number): string {
    return this.unimplemented("fcmpu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fcmpo(w: number): string {
    return this.unimplemented("fcmpo", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fneg(w: number): string {
    return this.unimplemented("fneg", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fmr(w: number): string {
    return this.unimplemented("fmr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fnabs(w: number): string {
    return this.unimplemented("fnabs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  fabs(w: number): string {
    return this.unimplemented("fabs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mffs(w: number): string {
    return this.unimplemented("mffs", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsf(w: number): string {
    return this.unimplemented("mtfsf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsfi(w: number): string {
    return this.unimplemented("mtfsfi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsb0(w: number): string {
    return this.unimplemented("mtfsb0", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtfsb1(w: number): string {
    return this.unimplemented("mtfsb1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrfs(w: number): string {
    return this.unimplemented("mcrfs", w);
  }
}
