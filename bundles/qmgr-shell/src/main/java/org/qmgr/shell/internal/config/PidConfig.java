package org.qmgr.shell.internal.config;

import java.util.List;
import java.util.Map;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * One qmgr PID as {@code qmgr:config} sees it: its configuration's properties, if there is one, and the
 * attributes its metatype declares, if known.
 *
 * @param pid        the PID, for a factory configuration the instance's ({@code org.qmgr.store.jdbc.extra~pg})
 * @param factoryPid the factory PID, or {@code null}
 * @param properties the configuration's properties, or {@code null} when none exists
 * @param attributes the metatype's attributes, empty when no metatype is known
 */
public record PidConfig(String pid, String factoryPid, Map<String, Object> properties,
                        List<AttributeDefinition> attributes) {
}
