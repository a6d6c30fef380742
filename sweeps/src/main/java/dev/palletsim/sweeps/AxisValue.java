package dev.palletsim.sweeps;

import org.yaml.snakeyaml.nodes.Node;

/**
 * One value of an axis: as plain Java ({@link Long}, {@link Double}, {@link String}, a list or
 * map), as it appears in the results tables, and as the YAML node that replaces the scenario's
 * value.
 *
 * @param plain the value as plain Java
 * @param text the value in the tables: a canonical number, the text, or a list in flow style
 * @param node the YAML node put into the scenario
 * @param line the line of the value in the sweep file
 */
public record AxisValue(Object plain, String text, Node node, int line) {}
