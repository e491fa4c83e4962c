package org.qmgr.shell.internal.config;

/**
 * One key of one PID with its effective value.
 *
 * @param pid          the PID
 * @param key          the property name
 * @param value        the effective value as text, {@value EffectiveConfig#MASK} for a secret
 * @param defaultValue the metatype's default as text, {@code ""} when none is declared or known
 * @param set          whether the configuration sets the key (else the default applies)
 */
public record ConfigRow(String pid, String key, String value, String defaultValue, boolean set) {
}
