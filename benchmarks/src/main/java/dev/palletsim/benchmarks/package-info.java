/**
 * JMH benchmarks of palletsim, each beside a baseline over plain primitive arrays doing the same
 * arithmetic, and the memory and scale measurements of docs/performance.md.
 */
package dev.palletsim.benchmarks;
