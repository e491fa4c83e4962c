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
import org.qmgr.api.dto.FailedListenerDTO;
import org.qmgr.api.dto.ListenerDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback services registered by class id ({@value BackgroundCopyCallback#CLSID_PROPERTY}); for a
 * class id the best ranked (then oldest) service wins. Class ids are parsed once, at bind; a service whose
 * class id does not parse is kept aside with the reason, for the runtime DTO.
 */
final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private record Provider(BackgroundCopyCallback callback, UUID clsid, int ranking, long serviceId, String bundle) {
    }

    private record Refused(BackgroundCopyCallback callback, long serviceId, String bundle, String reason) {
    }

    private static final Comparator<Provider> BEST_FIRST = Comparator.comparingInt(Provider::ranking).reversed()
            .thenComparingLong(Provider::serviceId);

    private final List<Provider> providers = new CopyOnWriteArrayList<>();
    private final List<Refused> refused = new CopyOnWriteArrayList<>();

    /**
     * @param callback   the service
     * @param properties its service properties
     * @param bundle     symbolic name of the bundle that registered it
     */
    void add(BackgroundCopyCallback callback, Map<String, ?> properties, String bundle) {
        Object value = properties.get(BackgroundCopyCallback.CLSID_PROPERTY);
        long serviceId = properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
        UUID clsid;
        try {
            clsid = Guids.parse(String.valueOf(value).trim());
        } catch (QmgrException e) {
            String reason = BackgroundCopyCallback.CLSID_PROPERTY + " \"" + value + "\" is not a class id";
            LOG.warn("callback service {} of {} ignored: {}", serviceId, bundle, reason);
            refused.add(new Refused(callback, serviceId, bundle, reason));
            return;
        }
        providers.add(new Provider(callback, clsid,
                properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0, serviceId, bundle));
    }

    void remove(BackgroundCopyCallback callback) {
        providers.removeIf(p -> p.callback == callback);
        refused.removeIf(r -> r.callback == callback);
    }

    Optional<BackgroundCopyCallback> find(UUID clsid) {
        return providers.stream().filter(p -> p.clsid.equals(clsid)).min(BEST_FIRST).map(Provider::callback);
    }

    void describe(List<ListenerDTO> listeners, List<FailedListenerDTO> failed) {
        for (Provider p : providers) {
            ListenerDTO dto = new ListenerDTO();
            dto.kind = "CALLBACK";
            dto.serviceId = p.serviceId;
            dto.bundle = p.bundle;
            dto.clsid = Guids.format(p.clsid);
            listeners.add(dto);
        }
        for (Refused r : refused) {
            FailedListenerDTO dto = new FailedListenerDTO();
            dto.kind = "CALLBACK";
            dto.serviceId = r.serviceId;
            dto.bundle = r.bundle;
            dto.reason = r.reason;
            failed.add(dto);
        }
    }
}
