/**
 * The storage parachain runtime: the four storage pallets wired together over frame ({@link
 * dev.palletsim.runtime.StorageRuntime}), its presets and scenario overrides, the cross-pallet
 * invariants, what an honest provider computes ({@link dev.palletsim.runtime.ProviderOps}), and the
 * storage metric probes it plugs into the simulation engine ({@link
 * dev.palletsim.runtime.RuntimeExtension}). It imports the engine ({@code dev.palletsim.sim}) for
 * scenario parameters and the metric catalog; the engine never imports it.
 */
package dev.palletsim.runtime;
