/* The instruction oracle's case loop, shared by the ppc and mips oracle guests (included by
 * test/guests/<arch>/oracle.c after the arch's definitions). Cases come from oracle-cases.bin
 * (scripts/oracle.ts, from the tables' encoders): each sets a few registers, the control
 * registers and the memory window's contents, runs one instruction once from a writable slot
 * and prints, on one line, every piece of architectural state that changed (test/oracle/model.ts
 * parses it). Records are byte-packed big-endian so both byte orders read them the same way. */

/* State the harness loads before and saves after the slot (oracle.S uses these offsets). */
struct ost {
  u32 g[32];   /*   0: GPRs */
  u32 c[4];    /* 128: ppc CR XER LR CTR; mips HI LO */
  u32 f[64];   /* 144: FPRs as (high, low) word pairs */
  u32 fcs[2];  /* 400: [1] = FPSCR / FCSR ([0] pads it to a double for lfd/mtfsf) */
  u32 taken;   /* 408: 1 when the slot left through its "taken" exit */
  u32 pad;
};
extern struct ost oracle_st;
extern u32 oracle_slot[];
extern void oracle_run(void);
extern const u8 oracle_cases[];

#define F_MEM 1
#define F_TAKEN_A 2 /* ppc: LR := taken exit; mips: delay-slot marker after a branch */
#define F_TAKEN_B 4 /* ppc: CTR := taken exit; mips: first GPR := taken exit */
#define F_RESERVE 8 /* ll / lwarx at WINDOW + 0x40 just before the case */
#define F_JTARGET 16 /* mips: j/jal index := taken exit */

static struct ost pre;
static u32 cur_seed;

static u32 rd32(const u8 *p) { return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3]; }

/* Every UART access is a device exit on the runtime: with the 16550's FIFO enabled, poll
 * LSR.THRE (FIFO empty) once per FIFO_BYTES bytes instead of once per byte, and print minimal
 * hex. (QEMU's bamboo UART drains an enabled FIFO at the line rate, far too slowly for the
 * capture, so the ppc guest polls every byte.) */
static int room;
static void OUT(int c) {
  if (room == 0) {
    while (!(UART_THR[5] & 0x20))
      ;
    room = FIFO_BYTES;
  }
  room--;
  UART_THR[0] = (u8)c;
}
static const char HEX[] = "0123456789abcdef";
static void hexs(u32 v) {
  int i = 28;
  while (i > 0 && !((v >> i) & 15)) i -= 4;
  for (; i >= 0; i -= 4) OUT(HEX[(v >> i) & 15]);
}
static void tok(char c, u32 n, u32 v) {
  OUT(' ');
  OUT(c);
  hexs(n);
  OUT('=');
  hexs(v);
}

static u32 xs;
static u32 xnext(void) {
  xs ^= xs << 13;
  xs ^= xs >> 17;
  xs ^= xs << 5;
  return xs;
}
static void fill_window(u32 seed) {
  xs = seed ? seed : 0x9e3779b9;
  for (int i = 0; i < 64; i++) WINDOW[i] = xnext();
}

static u32 def_gpr(u32 r) { return (r * 0x9e3779b1u) ^ 0x5bd1e995u; }

static void report(void) {
  for (u32 r = 0; r < 32; r++)
    if (GPR_CHECKED(r) && oracle_st.g[r] != pre.g[r]) tok('g', r, oracle_st.g[r]);
  for (u32 r = 0; r < 4; r++)
    if (oracle_st.c[r] != pre.c[r]) tok('c', r, oracle_st.c[r]);
  for (u32 r = 0; r < 32; r++)
    if (oracle_st.f[2 * r] != pre.f[2 * r] || oracle_st.f[2 * r + 1] != pre.f[2 * r + 1]) {
      tok('f', r, oracle_st.f[2 * r]);
      OUT(':');
      hexs(oracle_st.f[2 * r + 1]);
    }
  if (oracle_st.fcs[1] != pre.fcs[1]) tok('s', 0, oracle_st.fcs[1]);
  xs = cur_seed ? cur_seed : 0x9e3779b9;
  for (u32 i = 0; i < 64; i++) {
    u32 v = xnext();
    if (WINDOW[i] != v) tok('m', 4 * i, WINDOW[i]);
  }
  if (oracle_st.taken) {
    OUT(' ');
    OUT('T');
  }
  report_exception();
  OUT('\n');
}

int main(void) {
  arch_init();
  if (FIFO_BYTES > 1) UART_THR[2] = 0x07; /* FCR: enable and clear the FIFOs */
  const u8 *p = oracle_cases;
  u32 n = rd32(p + 4);
  p += 8;
  pr("oracle %d\n", n);
  for (u32 i = 0; i < n; i++) {
    u32 word = rd32(p);
    u32 flags = p[4], ng = p[5] & 15, nf = p[5] >> 4;
    for (u32 r = 0; r < 32; r++) oracle_st.g[r] = def_gpr(r);
    for (u32 r = 0; r < 32; r++) {
      oracle_st.f[2 * r] = 0x3ff00000u + (r << 12);
      oracle_st.f[2 * r + 1] = r * 0x01010101u;
    }
    oracle_st.c[0] = DEF_C0;
    oracle_st.c[1] = DEF_C1;
    oracle_st.c[2] = DEF_C2;
    oracle_st.c[3] = DEF_C3;
    oracle_st.fcs[0] = 0;
    oracle_st.fcs[1] = 0;
    cur_seed = rd32(p + 6);
    p += 10;
    u32 first = 99;
    /* register 0-31: GPR; 32-35: c[0..3]; 36: FPSCR / FCSR */
    for (u32 k = 0; k < ng; k++, p += 5) {
      u32 r = p[0], v = rd32(p + 1);
      if (r < 32)
        oracle_st.g[r] = v;
      else if (r < 36)
        oracle_st.c[r - 32] = v;
      else
        oracle_st.fcs[1] = v;
      if (k == 0) first = r;
    }
    for (u32 k = 0; k < nf; k++, p += 9) {
      oracle_st.f[2 * p[0]] = rd32(p + 1);
      oracle_st.f[2 * p[0] + 1] = rd32(p + 5);
    }
    fill_window(cur_seed);
    arch_prepare(word, flags, first);
    oracle_st.taken = 0;
    pre = oracle_st;
    arch_before(flags);
    oracle_run();
    report();
  }
  puts_("done\n");
  return 0;
}
