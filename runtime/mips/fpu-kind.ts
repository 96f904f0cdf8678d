// Which generated ids the vCPU's FPU path runs, and how: the machine looks a COP1/COP1X word up
// here once Status.CU1 allows it (machine.ts, the switch's default case). Ids not listed are
// reserved instructions on the 24Kf: paired single (FIR.PS = 0), alnv.ps, MIPS-3D, and the
// undefined "c1 <cofun>" words.
import { Op, OP_COUNT } from "../../generated/mips32r2/index.ts";

export const enum FpKind {
  /** Not an FPU instruction of the 24Kf: reserved instruction. */
  None = 0,
  /** bc1f/bc1t(l): the machine branches on an FCSR condition code. */
  Branch = 1,
  /** Loads, stores, prefx: the machine reaches memory (fpMemory). */
  Memory = 2,
  /** Everything else: MipsFpu.exec. */
  Exec = 3,
}

/**
 * @executes the vCPU's FPU path (runtime/mips/fpu.ts)
 */
export const FP_KIND = new Uint8Array(OP_COUNT);
FP_KIND[Op.movf] = FpKind.Exec;
FP_KIND[Op.movt] = FpKind.Exec;
FP_KIND[Op.lwc1] = FpKind.Memory;
FP_KIND[Op.ldc1] = FpKind.Memory;
FP_KIND[Op.swc1] = FpKind.Memory;
FP_KIND[Op.sdc1] = FpKind.Memory;
FP_KIND[Op.lwxc1] = FpKind.Memory;
FP_KIND[Op.ldxc1] = FpKind.Memory;
FP_KIND[Op.luxc1] = FpKind.Memory;
FP_KIND[Op.swxc1] = FpKind.Memory;
FP_KIND[Op.sdxc1] = FpKind.Memory;
FP_KIND[Op.suxc1] = FpKind.Memory;
FP_KIND[Op.prefx] = FpKind.Memory;
FP_KIND[Op.madd_s] = FpKind.Exec;
FP_KIND[Op.madd_d] = FpKind.Exec;
FP_KIND[Op.msub_s] = FpKind.Exec;
FP_KIND[Op.msub_d] = FpKind.Exec;
FP_KIND[Op.nmadd_s] = FpKind.Exec;
FP_KIND[Op.nmadd_d] = FpKind.Exec;
FP_KIND[Op.nmsub_s] = FpKind.Exec;
FP_KIND[Op.nmsub_d] = FpKind.Exec;
FP_KIND[Op.mfc1] = FpKind.Exec;
FP_KIND[Op.cfc1] = FpKind.Exec;
FP_KIND[Op.mfhc1] = FpKind.Exec;
FP_KIND[Op.mtc1] = FpKind.Exec;
FP_KIND[Op.ctc1] = FpKind.Exec;
FP_KIND[Op.mthc1] = FpKind.Exec;
FP_KIND[Op.bc1f] = FpKind.Branch;
FP_KIND[Op.bc1t] = FpKind.Branch;
FP_KIND[Op.bc1fl] = FpKind.Branch;
FP_KIND[Op.bc1tl] = FpKind.Branch;
FP_KIND[Op.add_s] = FpKind.Exec;
FP_KIND[Op.add_d] = FpKind.Exec;
FP_KIND[Op.sub_s] = FpKind.Exec;
FP_KIND[Op.sub_d] = FpKind.Exec;
FP_KIND[Op.mul_s] = FpKind.Exec;
FP_KIND[Op.mul_d] = FpKind.Exec;
FP_KIND[Op.div_s] = FpKind.Exec;
FP_KIND[Op.div_d] = FpKind.Exec;
FP_KIND[Op.sqrt_s] = FpKind.Exec;
FP_KIND[Op.sqrt_d] = FpKind.Exec;
FP_KIND[Op.abs_s] = FpKind.Exec;
FP_KIND[Op.abs_d] = FpKind.Exec;
FP_KIND[Op.mov_s] = FpKind.Exec;
FP_KIND[Op.mov_d] = FpKind.Exec;
FP_KIND[Op.neg_s] = FpKind.Exec;
FP_KIND[Op.neg_d] = FpKind.Exec;
FP_KIND[Op.round_l_s] = FpKind.Exec;
FP_KIND[Op.round_l_d] = FpKind.Exec;
FP_KIND[Op.trunc_l_s] = FpKind.Exec;
FP_KIND[Op.trunc_l_d] = FpKind.Exec;
FP_KIND[Op.ceil_l_s] = FpKind.Exec;
FP_KIND[Op.ceil_l_d] = FpKind.Exec;
FP_KIND[Op.floor_l_s] = FpKind.Exec;
FP_KIND[Op.floor_l_d] = FpKind.Exec;
FP_KIND[Op.round_w_s] = FpKind.Exec;
FP_KIND[Op.round_w_d] = FpKind.Exec;
FP_KIND[Op.trunc_w_s] = FpKind.Exec;
FP_KIND[Op.trunc_w_d] = FpKind.Exec;
FP_KIND[Op.ceil_w_s] = FpKind.Exec;
FP_KIND[Op.ceil_w_d] = FpKind.Exec;
FP_KIND[Op.floor_w_s] = FpKind.Exec;
FP_KIND[Op.floor_w_d] = FpKind.Exec;
FP_KIND[Op.movf_s] = FpKind.Exec;
FP_KIND[Op.movf_d] = FpKind.Exec;
FP_KIND[Op.movt_s] = FpKind.Exec;
FP_KIND[Op.movt_d] = FpKind.Exec;
FP_KIND[Op.movz_s] = FpKind.Exec;
FP_KIND[Op.movz_d] = FpKind.Exec;
FP_KIND[Op.movn_s] = FpKind.Exec;
FP_KIND[Op.movn_d] = FpKind.Exec;
FP_KIND[Op.recip_s] = FpKind.Exec;
FP_KIND[Op.recip_d] = FpKind.Exec;
FP_KIND[Op.rsqrt_s] = FpKind.Exec;
FP_KIND[Op.rsqrt_d] = FpKind.Exec;
FP_KIND[Op.cvt_s_d] = FpKind.Exec;
FP_KIND[Op.cvt_s_w] = FpKind.Exec;
FP_KIND[Op.cvt_s_l] = FpKind.Exec;
FP_KIND[Op.cvt_d_s] = FpKind.Exec;
FP_KIND[Op.cvt_d_w] = FpKind.Exec;
FP_KIND[Op.cvt_d_l] = FpKind.Exec;
FP_KIND[Op.cvt_w_s] = FpKind.Exec;
FP_KIND[Op.cvt_w_d] = FpKind.Exec;
FP_KIND[Op.cvt_l_s] = FpKind.Exec;
FP_KIND[Op.cvt_l_d] = FpKind.Exec;
FP_KIND[Op.c_f_s] = FpKind.Exec;
FP_KIND[Op.c_f_d] = FpKind.Exec;
FP_KIND[Op.c_un_s] = FpKind.Exec;
FP_KIND[Op.c_un_d] = FpKind.Exec;
FP_KIND[Op.c_eq_s] = FpKind.Exec;
FP_KIND[Op.c_eq_d] = FpKind.Exec;
FP_KIND[Op.c_ueq_s] = FpKind.Exec;
FP_KIND[Op.c_ueq_d] = FpKind.Exec;
FP_KIND[Op.c_olt_s] = FpKind.Exec;
FP_KIND[Op.c_olt_d] = FpKind.Exec;
FP_KIND[Op.c_ult_s] = FpKind.Exec;
FP_KIND[Op.c_ult_d] = FpKind.Exec;
FP_KIND[Op.c_ole_s] = FpKind.Exec;
FP_KIND[Op.c_ole_d] = FpKind.Exec;
FP_KIND[Op.c_ule_s] = FpKind.Exec;
FP_KIND[Op.c_ule_d] = FpKind.Exec;
FP_KIND[Op.c_sf_s] = FpKind.Exec;
FP_KIND[Op.c_sf_d] = FpKind.Exec;
FP_KIND[Op.c_ngle_s] = FpKind.Exec;
FP_KIND[Op.c_ngle_d] = FpKind.Exec;
FP_KIND[Op.c_seq_s] = FpKind.Exec;
FP_KIND[Op.c_seq_d] = FpKind.Exec;
FP_KIND[Op.c_ngl_s] = FpKind.Exec;
FP_KIND[Op.c_ngl_d] = FpKind.Exec;
FP_KIND[Op.c_lt_s] = FpKind.Exec;
FP_KIND[Op.c_lt_d] = FpKind.Exec;
FP_KIND[Op.c_nge_s] = FpKind.Exec;
FP_KIND[Op.c_nge_d] = FpKind.Exec;
FP_KIND[Op.c_le_s] = FpKind.Exec;
FP_KIND[Op.c_le_d] = FpKind.Exec;
FP_KIND[Op.c_ngt_s] = FpKind.Exec;
FP_KIND[Op.c_ngt_d] = FpKind.Exec;
