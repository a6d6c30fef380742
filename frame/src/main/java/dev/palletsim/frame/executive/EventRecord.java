package dev.palletsim.frame.executive;

import dev.palletsim.frame.Event;

/**
 * An event with the phase that emitted it (frame-system's {@code EventRecord}).
 *
 * @param phase where it was emitted
 * @param event the event
 */
public record EventRecord(Phase phase, Event event) {}
