package dev.palletsim.examples;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.runtime.sim.Expectation;
import dev.palletsim.runtime.sim.Metrics;
import dev.palletsim.runtime.sim.Verdict;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * A scenario's {@code event:} or {@code no-event:} expectation: an event of one variant, whose
 * given fields are equal to the expected values, is (or is not) emitted in a block of {@code [from,
 * to]}. Decided as the harness's event expectations decide, with messages in the scenario's own
 * terms (account names, the file's spelling of the event).
 */
final class EventExpectation implements Expectation {
  private final String description;
  private final String pallet;
  private final String variant;
  private final Map<String, Object> fields;
  private final long from;
  private final long to;
  private final boolean emitted;

  EventExpectation(
      String description,
      String pallet,
      String variant,
      Map<String, Object> fields,
      long from,
      long to,
      boolean emitted) {
    this.description = description;
    this.pallet = pallet;
    this.variant = variant;
    this.fields = Map.copyOf(fields);
    this.from = from;
    this.to = to;
    this.emitted = emitted;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
    long n = block.number();
    boolean inWindow = n >= from && n <= to;
    if (emitted) {
      if (inWindow && block.events().exists(this::matches)) return new Verdict.Met(n);
      return n >= to ? new Verdict.Failed(n, "no " + what() + " by block " + n) : Verdict.PENDING;
    }
    if (inWindow) {
      var hit = block.events().find(this::matches);
      if (hit.isDefined()) {
        return new Verdict.Failed(
            n,
            "expected "
                + description
                + ", but block "
                + n
                + " emitted "
                + Show.value(hit.get().event()));
      }
    }
    return n >= to ? new Verdict.Met(n) : Verdict.PENDING;
  }

  @Override
  public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
    return emitted
        ? new Verdict.Failed(lastBlock, "no " + what() + " by the last block, " + lastBlock)
        : new Verdict.Met(lastBlock);
  }

  private String what() {
    return description.substring("event ".length());
  }

  private boolean matches(EventRecord record) {
    Event e = record.event();
    if (!e.pallet().equals(pallet) || !e.variant().equals(variant)) return false;
    for (var f : fields.entrySet()) {
      if (!StorageExpectation.same(component(e, f.getKey()), f.getValue())) return false;
    }
    return true;
  }

  private static Object component(Object value, String name) {
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          return accessor.invoke(value);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read field " + name, e);
        }
      }
    }
    return null;
  }
}
