/**
 * The collator selection pallet: a randomized auction weighted by delegated storage power (seed
 * 001).
 */
package dev.palletsim.collatorselection;
