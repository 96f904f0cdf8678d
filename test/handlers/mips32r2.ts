// A handler set for mips32r2 that records which handler dispatch reached: every method returns
// its own name. It stands in for the runtime's handler sets: a new table entry is a type error
// here until `npm run gen -- --scaffold` adds its stub.
import type { Handlers } from "../../generated/mips32r2/handlers.ts";

export class RecordingHandlers implements Handlers<string> {
  unimplemented(name: string, _w: number): string {
    return name;
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sll(w: number): string {
    return this.unimplemented("sll", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srl(w: number): string {
    return this.unimplemented("srl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rotr(w: number): string {
    return this.unimplemented("rotr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sra(w: number): string {
    return this.unimplemented("sra", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sllv(w: number): string {
    return this.unimplemented("sllv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srlv(w: number): string {
    return this.unimplemented("srlv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rotrv(w: number): string {
    return this.unimplemented("rotrv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srav(w: number): string {
    return this.unimplemented("srav", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  jr(w: number): string {
    return this.unimplemented("jr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  jr_hb(w: number): string {
    return this.unimplemented("jr_hb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  jalr(w: number): string {
    return this.unimplemented("jalr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  jalr_hb(w: number): string {
    return this.unimplemented("jalr_hb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movz(w: number): string {
    return this.unimplemented("movz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movn(w: number): string {
    return this.unimplemented("movn", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movf(w: number): string {
    return this.unimplemented("movf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movt(w: number): string {
    return this.unimplemented("movt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  syscall(w: number): string {
    return this.unimplemented("syscall", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  break(w: number): string {
    return this.unimplemented("break", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sync(w: number): string {
    return this.unimplemented("sync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfhi(w: number): string {
    return this.unimplemented("mfhi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mthi(w: number): string {
    return this.unimplemented("mthi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mflo(w: number): string {
    return this.unimplemented("mflo", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtlo(w: number): string {
    return this.unimplemented("mtlo", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mult(w: number): string {
    return this.unimplemented("mult", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  multu(w: number): string {
    return this.unimplemented("multu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  div(w: number): string {
    return this.unimplemented("div", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divu(w: number): string {
    return this.unimplemented("divu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  add(w: number): string {
    return this.unimplemented("add", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addu(w: number): string {
    return this.unimplemented("addu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sub(w: number): string {
    return this.unimplemented("sub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subu(w: number): string {
    return this.unimplemented("subu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  and(w: number): string {
    return this.unimplemented("and", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  or(w: number): string {
    return this.unimplemented("or", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xor(w: number): string {
    return this.unimplemented("xor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nor(w: number): string {
    return this.unimplemented("nor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  slt(w: number): string {
    return this.unimplemented("slt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sltu(w: number): string {
    return this.unimplemented("sltu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tge(w: number): string {
    return this.unimplemented("tge", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tgeu(w: number): string {
    return this.unimplemented("tgeu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlt(w: number): string {
    return this.unimplemented("tlt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tltu(w: number): string {
    return this.unimplemented("tltu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  teq(w: number): string {
    return this.unimplemented("teq", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tne(w: number): string {
    return this.unimplemented("tne", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bltz(w: number): string {
    return this.unimplemented("bltz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bgez(w: number): string {
    return this.unimplemented("bgez", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bltzl(w: number): string {
    return this.unimplemented("bltzl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bgezl(w: number): string {
    return this.unimplemented("bgezl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tgei(w: number): string {
    return this.unimplemented("tgei", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tgeiu(w: number): string {
    return this.unimplemented("tgeiu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlti(w: number): string {
    return this.unimplemented("tlti", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tltiu(w: number): string {
    return this.unimplemented("tltiu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  teqi(w: number): string {
    return this.unimplemented("teqi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tnei(w: number): string {
    return this.unimplemented("tnei", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bltzal(w: number): string {
    return this.unimplemented("bltzal", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bgezal(w: number): string {
    return this.unimplemented("bgezal", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bltzall(w: number): string {
    return this.unimplemented("bltzall", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bgezall(w: number): string {
    return this.unimplemented("bgezall", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  synci(w: number): string {
    return this.unimplemented("synci", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  j(w: number): string {
    return this.unimplemented("j", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  jal(w: number): string {
    return this.unimplemented("jal", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  jalx(w: number): string {
    return this.unimplemented("jalx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  beq(w: number): string {
    return this.unimplemented("beq", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bne(w: number): string {
    return this.unimplemented("bne", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  blez(w: number): string {
    return this.unimplemented("blez", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bgtz(w: number): string {
    return this.unimplemented("bgtz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  beql(w: number): string {
    return this.unimplemented("beql", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bnel(w: number): string {
    return this.unimplemented("bnel", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  blezl(w: number): string {
    return this.unimplemented("blezl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bgtzl(w: number): string {
    return this.unimplemented("bgtzl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addi(w: number): string {
    return this.unimplemented("addi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addiu(w: number): string {
    return this.unimplemented("addiu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  slti(w: number): string {
    return this.unimplemented("slti", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sltiu(w: number): string {
    return this.unimplemented("sltiu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andi(w: number): string {
    return this.unimplemented("andi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ori(w: number): string {
    return this.unimplemented("ori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xori(w: number): string {
    return this.unimplemented("xori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lui(w: number): string {
    return this.unimplemented("lui", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  madd(w: number): string {
    return this.unimplemented("madd", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  maddu(w: number): string {
    return this.unimplemented("maddu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mul(w: number): string {
    return this.unimplemented("mul", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  msub(w: number): string {
    return this.unimplemented("msub", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  msubu(w: number): string {
    return this.unimplemented("msubu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  udi(w: number): string {
    return this.unimplemented("udi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  clz(w: number): string {
    return this.unimplemented("clz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  clo(w: number): string {
    return this.unimplemented("clo", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sdbbp(w: number): string {
    return this.unimplemented("sdbbp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ext(w: number): string {
    return this.unimplemented("ext", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ins(w: number): string {
    return this.unimplemented("ins", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wsbh(w: number): string {
    return this.unimplemented("wsbh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  seb(w: number): string {
    return this.unimplemented("seb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  seh(w: number): string {
    return this.unimplemented("seh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rdhwr(w: number): string {
    return this.unimplemented("rdhwr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lb(w: number): string {
    return this.unimplemented("lb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lh(w: number): string {
    return this.unimplemented("lh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwl(w: number): string {
    return this.unimplemented("lwl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lw(w: number): string {
    return this.unimplemented("lw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbu(w: number): string {
    return this.unimplemented("lbu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhu(w: number): string {
    return this.unimplemented("lhu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwr(w: number): string {
    return this.unimplemented("lwr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sb(w: number): string {
    return this.unimplemented("sb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sh(w: number): string {
    return this.unimplemented("sh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  swl(w: number): string {
    return this.unimplemented("swl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sw(w: number): string {
    return this.unimplemented("sw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  swr(w: number): string {
    return this.unimplemented("swr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ll(w: number): string {
    return this.unimplemented("ll", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  pref(w: number): string {
    return this.unimplemented("pref", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sc(w: number): string {
    return this.unimplemented("sc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfc0(w: number): string {
    return this.unimplemented("mfc0", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtc0(w: number): string {
    return this.unimplemented("mtc0", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rdpgpr(w: number): string {
    return this.unimplemented("rdpgpr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  di(w: number): string {
    return this.unimplemented("di", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ei(w: number): string {
    return this.unimplemented("ei", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wrpgpr(w: number): string {
    return this.unimplemented("wrpgpr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbr(w: number): string {
    return this.unimplemented("tlbr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbwi(w: number): string {
    return this.unimplemented("tlbwi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbwr(w: number): string {
    return this.unimplemented("tlbwr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tlbp(w: number): string {
    return this.unimplemented("tlbp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eret(w: number): string {
    return this.unimplemented("eret", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  deret(w: number): string {
    return this.unimplemented("deret", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  wait(w: number): string {
    return this.unimplemented("wait", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  c0(w: number): string {
    return this.unimplemented("c0", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cache(w: number): string {
    return this.unimplemented("cache", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwc1(w: number): string {
    return this.unimplemented("lwc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ldc1(w: number): string {
    return this.unimplemented("ldc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  swc1(w: number): string {
    return this.unimplemented("swc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sdc1(w: number): string {
    return this.unimplemented("sdc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwxc1(w: number): string {
    return this.unimplemented("lwxc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ldxc1(w: number): string {
    return this.unimplemented("ldxc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  luxc1(w: number): string {
    return this.unimplemented("luxc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  swxc1(w: number): string {
    return this.unimplemented("swxc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sdxc1(w: number): string {
    return this.unimplemented("sdxc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  suxc1(w: number): string {
    return this.unimplemented("suxc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  prefx(w: number): string {
    return this.unimplemented("prefx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  alnv_ps(w: number): string {
    return this.unimplemented("alnv_ps", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  madd_f(w: number): string {
    return this.unimplemented("madd_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  msub_f(w: number): string {
    return this.unimplemented("msub_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmadd_f(w: number): string {
    return this.unimplemented("nmadd_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nmsub_f(w: number): string {
    return this.unimplemented("nmsub_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfc1(w: number): string {
    return this.unimplemented("mfc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cfc1(w: number): string {
    return this.unimplemented("cfc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfhc1(w: number): string {
    return this.unimplemented("mfhc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtc1(w: number): string {
    return this.unimplemented("mtc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ctc1(w: number): string {
    return this.unimplemented("ctc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mthc1(w: number): string {
    return this.unimplemented("mthc1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc1f(w: number): string {
    return this.unimplemented("bc1f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc1t(w: number): string {
    return this.unimplemented("bc1t", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc1fl(w: number): string {
    return this.unimplemented("bc1fl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc1tl(w: number): string {
    return this.unimplemented("bc1tl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  add_f(w: number): string {
    return this.unimplemented("add_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sub_f(w: number): string {
    return this.unimplemented("sub_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mul_f(w: number): string {
    return this.unimplemented("mul_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  div_f(w: number): string {
    return this.unimplemented("div_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sqrt_f(w: number): string {
    return this.unimplemented("sqrt_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  abs_f(w: number): string {
    return this.unimplemented("abs_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mov_f(w: number): string {
    return this.unimplemented("mov_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  neg_f(w: number): string {
    return this.unimplemented("neg_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  round_l(w: number): string {
    return this.unimplemented("round_l", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  trunc_l(w: number): string {
    return this.unimplemented("trunc_l", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ceil_l(w: number): string {
    return this.unimplemented("ceil_l", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  floor_l(w: number): string {
    return this.unimplemented("floor_l", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  round_w(w: number): string {
    return this.unimplemented("round_w", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  trunc_w(w: number): string {
    return this.unimplemented("trunc_w", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ceil_w(w: number): string {
    return this.unimplemented("ceil_w", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  floor_w(w: number): string {
    return this.unimplemented("floor_w", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movf_f(w: number): string {
    return this.unimplemented("movf_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movt_f(w: number): string {
    return this.unimplemented("movt_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movz_f(w: number): string {
    return this.unimplemented("movz_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  movn_f(w: number): string {
    return this.unimplemented("movn_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  recip_f(w: number): string {
    return this.unimplemented("recip_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rsqrt_f(w: number): string {
    return this.unimplemented("rsqrt_f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_s(w: number): string {
    return this.unimplemented("cvt_s", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_s_pu(w: number): string {
    return this.unimplemented("cvt_s_pu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_d(w: number): string {
    return this.unimplemented("cvt_d", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_w(w: number): string {
    return this.unimplemented("cvt_w", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_l(w: number): string {
    return this.unimplemented("cvt_l", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_ps_s(w: number): string {
    return this.unimplemented("cvt_ps_s", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cvt_s_pl(w: number): string {
    return this.unimplemented("cvt_s_pl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  pll_ps(w: number): string {
    return this.unimplemented("pll_ps", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  plu_ps(w: number): string {
    return this.unimplemented("plu_ps", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  pul_ps(w: number): string {
    return this.unimplemented("pul_ps", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  puu_ps(w: number): string {
    return this.unimplemented("puu_ps", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  c_cond(w: number): string {
    return this.unimplemented("c_cond", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  c1(w: number): string {
    return this.unimplemented("c1", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwc2(w: number): string {
    return this.unimplemented("lwc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ldc2(w: number): string {
    return this.unimplemented("ldc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  swc2(w: number): string {
    return this.unimplemented("swc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sdc2(w: number): string {
    return this.unimplemented("sdc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfc2(w: number): string {
    return this.unimplemented("mfc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cfc2(w: number): string {
    return this.unimplemented("cfc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfhc2(w: number): string {
    return this.unimplemented("mfhc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtc2(w: number): string {
    return this.unimplemented("mtc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ctc2(w: number): string {
    return this.unimplemented("ctc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mthc2(w: number): string {
    return this.unimplemented("mthc2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc2f(w: number): string {
    return this.unimplemented("bc2f", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc2t(w: number): string {
    return this.unimplemented("bc2t", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc2fl(w: number): string {
    return this.unimplemented("bc2fl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc2tl(w: number): string {
    return this.unimplemented("bc2tl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  c2(w: number): string {
    return this.unimplemented("c2", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  invalid(w: number): string {
    return this.unimplemented("invalid", w);
  }
}
