/**
 * The verified registry pallet: builtin-actors' verifreg and datacap actors as far as the storage
 * runtime needs them (verifiers, DataCap balances, allocations, claims).
 */
package dev.palletsim.verifiedregistry;
