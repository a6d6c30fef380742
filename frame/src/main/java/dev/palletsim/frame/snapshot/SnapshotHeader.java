package dev.palletsim.frame.snapshot;

import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;

/**
 * What a snapshot says about itself, readable without loading the chain ({@link
 * Snapshot#readHeader}).
 *
 * @param formatVersion the file format's version
 * @param palletsimVersion the palletsim that wrote it
 * @param runtimePreset the preset of the runtime that saved it ({@code custom} if none)
 * @param configHash the fingerprint of its settings ({@code RuntimeSettings.hash})
 * @param settings every setting of the runtime that saved it ({@code Runtime.settings()})
 * @param blockNumber the open block: a loaded chain continues in it
 * @param lastBlock the last produced block
 * @param stateHash the state hash of the saved world, 16 hex digits
 * @param storageItems how many storage items hold state
 * @param sections the sections beyond the world and the chain, as {@code name/version}
 */
public record SnapshotHeader(
    int formatVersion,
    String palletsimVersion,
    String runtimePreset,
    String configHash,
    SortedMap<String, String> settings,
    long blockNumber,
    long lastBlock,
    String stateHash,
    long storageItems,
    Seq<String> sections) {}
