package org.qmgr.engine.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds instances of configuration annotations for tests: defaults, with overrides by method name. */
final class Configs {

    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            Object value = method.getDefaultValue();
            if (value == null) {
                throw new IllegalStateException("no default for " + method.getName());
            }
            return value;
        });
    }
}
