// The interpreters' dispatch warm-up (each machine.ts runs it once at load): every instruction of
// the roles a vCPU executes goes once through its compiled-in dispatch switch, so V8 has type
// feedback for every case before it optimises `run`. Without it, each case a guest reaches for
// the first time after optimisation deoptimises the whole switch and costs a recompilation
// (20-28 during a Linux boot).

/** What the variable fields of each word are filled with: registers and immediates holding 0,
 *  small and large values, alternating bits. */
const FIELDS = [0, 0xffffffff, 0x55555555, 0xaaaaaaaa, 0x0f0f0f0f, 0x00000401, 0x00200000];

/**
 * Calls `runOne(word)` for each entry of `info` in one of `roleMask`'s roles, with each field
 * pattern, twice (V8 allocates a function's feedback vector only after its first calls).
 */
export function warmDispatch(
  info: readonly { readonly id: number; readonly match: number; readonly mask: number }[],
  roles: ArrayLike<number>,
  roleMask: number,
  runOne: (word: number) => void,
): void {
  for (let pass = 0; pass < 2; pass++)
    for (const i of info) {
      if (!(roles[i.id] & roleMask)) continue;
      for (const f of FIELDS) runOne((i.match | (f & ~i.mask)) | 0);
    }
}
