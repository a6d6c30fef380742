package dev.palletsim.market;

/**
 * Where cron next looks at a deal ({@code DealOpsByBlock}): at publication, and after each legacy
 * cron settlement.
 */
public enum DealSchedule {
  /**
   * builtin-actors: deal ops spread by id over {@code DealUpdatesInterval}. A published deal is
   * first looked at {@code next_update_epoch(id, interval, start)}, so an unactivated deal stays
   * published (locked, pending) until then and is timed out there; a legacy deal is rescheduled at
   * {@code next_update_epoch(id, interval, now + 1)}. No block can be made to carry more than its
   * share of deal ops.
   */
  ById,
  /**
   * Seed 002 as written: a published deal is first looked at its start block, and a legacy deal is
   * rescheduled at {@code min(now + DealUpdatesInterval, end)}.
   */
  ByStart;

  /** The block of a published deal's first cron visit. */
  long firstUpdate(long id, long start, long interval) {
    return this == ById ? nextUpdateBlock(id, interval, start) : start;
  }

  /** The block of a legacy deal's next cron visit after one at {@code now}. */
  long nextUpdate(long id, long now, long end, long interval) {
    return this == ById
        ? nextUpdateBlock(id, interval, DealPayments.saturatingAdd(now, 1))
        : Math.min(DealPayments.saturatingAdd(now, interval), end);
  }

  /**
   * builtin-actors' {@code next_update_epoch}: the first block at or after {@code earliest} that is
   * congruent to {@code id mod interval}; {@code id mod interval} itself when that lies after
   * {@code earliest}. Saturates at {@link Long#MAX_VALUE}.
   */
  static long nextUpdateBlock(long id, long interval, long earliest) {
    long offset = Math.floorMod(id, interval);
    long delta = earliest - offset;
    if (delta <= 0) return offset;
    long quotient = delta / interval;
    long rounded = delta % interval == 0 ? quotient : quotient + 1;
    if (rounded > (Long.MAX_VALUE - offset) / interval) return Long.MAX_VALUE;
    return rounded * interval + offset;
  }
}
