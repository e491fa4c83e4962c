package org.qmgr.api.callback;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.api.dto.CallbackRuntimeDTO;

/**
 * The state of notification delivery, for operators ({@code qmgr:listeners}) and monitoring: the listeners
 * and observers in use, the services refused with the reason, and the notifications not delivered yet.
 * Registered by {@code qmgr-callbacks} as an OSGi service. Thread-safe.
 */
@ProviderType
public interface CallbackRuntime {

    /** @return a new snapshot, never {@code null} */
    CallbackRuntimeDTO getRuntimeDTO();
}
