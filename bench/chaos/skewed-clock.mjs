// Test-only preload (`node --import`): this process's wall clock reads CHAOS_CLOCK_SKEW_MS
// milliseconds off, as on a till whose clock is wrong. The monotonic clock is left alone,
// as the operating system leaves it. Never part of the product bundle.
const skew = Number(process.env.CHAOS_CLOCK_SKEW_MS ?? '0');
if (Number.isFinite(skew) && skew !== 0) {
  const RealDate = globalThis.Date;
  class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + skew);
      else super(...args);
    }
    static now() {
      return RealDate.now() + skew;
    }
  }
  globalThis.Date = SkewedDate;
}
