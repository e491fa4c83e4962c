package org.qmgr.callbacks.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.qmgr.api.Guids;
import org.qmgr.api.QmgrException;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback services registered by class id ({@value BackgroundCopyCallback#CLSID_PROPERTY}); for a
 * class id the best ranked (then oldest) service wins. Class ids are parsed once, at bind.
 */
final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private record Provider(BackgroundCopyCallback callback, UUID clsid, int ranking, long serviceId) {
    }

    private static final Comparator<Provider> BEST_FIRST = Comparator.comparingInt(Provider::ranking).reversed()
            .thenComparingLong(Provider::serviceId);

    private final List<Provider> providers = new CopyOnWriteArrayList<>();

    void add(BackgroundCopyCallback callback, Map<String, ?> properties) {
        Object value = properties.get(BackgroundCopyCallback.CLSID_PROPERTY);
        UUID clsid;
        try {
            clsid = Guids.parse(String.valueOf(value).trim());
        } catch (QmgrException e) {
            LOG.warn("callback service ignored: {} is not a class id: {}", BackgroundCopyCallback.CLSID_PROPERTY, value);
            return;
        }
        providers.add(new Provider(callback, clsid,
                properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE));
    }

    void remove(BackgroundCopyCallback callback) {
        providers.removeIf(p -> p.callback == callback);
    }

    Optional<BackgroundCopyCallback> find(UUID clsid) {
        return providers.stream().filter(p -> p.clsid.equals(clsid)).min(BEST_FIRST).map(Provider::callback);
    }
}
