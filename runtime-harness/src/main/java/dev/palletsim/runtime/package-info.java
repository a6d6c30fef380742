/**
 * The storage parachain runtime: the four storage pallets wired together over frame, with presets,
 * cross-pallet invariants, and the simulation engine.
 */
package dev.palletsim.runtime;
