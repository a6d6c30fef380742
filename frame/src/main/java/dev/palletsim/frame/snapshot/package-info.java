/**
 * Saved chains (issue 14): a chain's state written to a file and loaded back exactly, to resume a
 * long run from a checkpoint or to fork many experiments from one network built once, as Substrate
 * developers rehearse on saved state with chopsticks and try-runtime. {@link
 * dev.palletsim.frame.snapshot.Snapshot} documents the file format; {@code Chain.save} and {@code
 * Chain.load} are the short forms. Values are written as the state hasher walks them, so a loaded
 * world has the saved state hash; value classes that are not records register a {@link
 * dev.palletsim.frame.snapshot.ValueCodec}.
 */
package dev.palletsim.frame.snapshot;
