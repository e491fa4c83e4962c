package org.qmgr.bench;

/**
 * An option of a scenario, given on the command line as {@code --name value}.
 *
 * @param name         the option name without dashes, e.g. {@code groups}
 * @param defaultValue the value when the option is absent
 * @param description  one line for the usage text
 */
public record Param(String name, String defaultValue, String description) {
}
