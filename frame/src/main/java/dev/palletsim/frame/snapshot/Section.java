package dev.palletsim.frame.snapshot;

/**
 * A named, versioned part of a snapshot beyond the chain itself, holding one storable value
 * (records, enums, strings, numbers, Vavr collections, arrays of longs or doubles): a simulation
 * saves its agents, random streams and metrics as the section {@code simulation}. The reader of a
 * section checks its version and reads the versions it knows.
 *
 * @param name the section's name (not {@code world} or {@code chain}, which every snapshot has)
 * @param version the version of the section's content
 * @param value the content
 */
public record Section(String name, int version, Object value) {
  /** Checks the name and version. */
  public Section {
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("a section needs a name");
    if (name.equals(Snapshot.WORLD) || name.equals(Snapshot.CHAIN)) {
      throw new IllegalArgumentException("section " + name + " is the snapshot's own");
    }
    if (version < 1) throw new IllegalArgumentException("section versions start at 1");
  }
}
