package org.qmgr.shell.internal.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Finds every qmgr PID ({@value #PREFIX}*): those the qmgr bundles' metatypes declare, with or without a
 * configuration, and those Configuration Admin holds, factory instances included.
 */
public final class QmgrPids {

    /** The prefix of every qmgr PID and bundle symbolic name. */
    public static final String PREFIX = "org.qmgr.";

    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;
    private final BundleContext context;

    /** @param metaType the MetaType service, or {@code null}: then defaults are not known */
    public QmgrPids(ConfigurationAdmin configAdmin, MetaTypeService metaType, BundleContext context) {
        this.configAdmin = configAdmin;
        this.metaType = metaType;
        this.context = context;
    }

    /** @return every qmgr PID, sorted by PID */
    public List<PidConfig> all() throws IOException, InvalidSyntaxException {
        Map<String, List<AttributeDefinition>> singletons = new HashMap<>();
        Map<String, List<AttributeDefinition>> factories = new HashMap<>();
        readMetaTypes(singletons, factories);
        Configuration[] found = configAdmin.listConfigurations(
                "(|(service.pid=" + PREFIX + "*)(service.factoryPid=" + PREFIX + "*))");
        Map<String, PidConfig> byPid = new TreeMap<>();
        for (Configuration c : found == null ? new Configuration[0] : found) {
            String factory = c.getFactoryPid();
            List<AttributeDefinition> ads = factory != null ? factories.get(factory) : singletons.get(c.getPid());
            byPid.put(c.getPid(), new PidConfig(c.getPid(), factory, map(c.getProperties()),
                    ads == null ? List.of() : ads));
        }
        singletons.forEach((pid, ads) -> byPid.putIfAbsent(pid, new PidConfig(pid, null, null, ads)));
        return new ArrayList<>(byPid.values());
    }

    private void readMetaTypes(Map<String, List<AttributeDefinition>> singletons,
                               Map<String, List<AttributeDefinition>> factories) {
        if (metaType == null) {
            return;
        }
        for (Bundle b : context.getBundles()) {
            String name = b.getSymbolicName();
            MetaTypeInformation info = name != null && name.startsWith(PREFIX) ? metaType.getMetaTypeInformation(b)
                    : null;
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                singletons.put(pid, attributes(info.getObjectClassDefinition(pid, null)));
            }
            for (String pid : info.getFactoryPids()) {
                factories.put(pid, attributes(info.getObjectClassDefinition(pid, null)));
            }
        }
    }

    private static List<AttributeDefinition> attributes(ObjectClassDefinition ocd) {
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return ads == null ? List.of() : List.of(ads);
    }

    private static Map<String, Object> map(Dictionary<String, Object> d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> m = new HashMap<>();
        for (String key : Collections.list(d.keys())) {
            m.put(key, d.get(key));
        }
        return m;
    }
}
