// The Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), seeded exactly as
// numpy's legacy `RandomState.seed(int)` does (numpy/random/src/mt19937/mt19937.c:
// mt19937_seed), so the same seed yields the same 32-bit stream as numpy.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * The Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), seeded as numpy's legacy
 * `RandomState.seed(int)` seeds it, so a seed gives numpy's 32-bit stream.
 */
export class MT19937 {
  // The state words as int32 bit patterns: V8 keeps int32 values unboxed, where a uint32 over
  // 2^31 would become a heap number in every call that returns it (bitwise ops see the same bits).
  private readonly key = new Int32Array(N);
  private pos = N;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** numpy's mt19937_seed: key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i. */
  seed(seed: number): void {
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.key[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = N;
  }

  /** Regenerates the whole state block (mt19937_gen). `-(y & 1) & MATRIX_A` is the reference's
   *  `y & 1 ? MATRIX_A : 0` without a branch, which a CPU mispredicts half the time. */
  private generate(): void {
    const k = this.key;
    let i = 0;
    let y: number;
    for (; i < N - M; i++) {
      y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
      k[i] = k[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (k[i] & UPPER_MASK) | (k[i + 1] & LOWER_MASK);
      k[i] = k[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (k[N - 1] & UPPER_MASK) | (k[0] & LOWER_MASK);
    k[N - 1] = k[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** The next tempered 32-bit output, as its int32 bit pattern. */
  private next(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** The next tempered 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    return this.next() >>> 0;
  }

  /** A double in [0, 1) from 53 random bits (mt19937_next_double). */
  nextDouble(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
}
