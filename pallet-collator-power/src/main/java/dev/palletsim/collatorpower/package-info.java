/** The collator power pallet: storage power claims and their delegation to collators (seed 001). */
package dev.palletsim.collatorpower;
