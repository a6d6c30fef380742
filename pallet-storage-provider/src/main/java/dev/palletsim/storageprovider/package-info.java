/**
 * The storage provider pallet: sectors, WindowPoSt deadlines and partitions, faults, recoveries and
 * penalties (seed 000, Filecoin's miner actor).
 */
package dev.palletsim.storageprovider;
