/**
 * The storage market pallet: escrow, client-signed deals, activation, termination and payment
 * settlement in the cron and FIP-0074 regimes (seeds 002, 004).
 */
package dev.palletsim.market;
