package org.qmgr.callbacks.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.qmgr.api.callback.CallbackRuntime;
import org.qmgr.api.dto.CallbackRuntimeDTO;

/** The {@link CallbackRuntime} service: a snapshot of the callback dispatcher and the observer whiteboard. */
@Component(service = CallbackRuntime.class)
public class CallbackRuntimeComponent implements CallbackRuntime {

    private final CallbackDispatcher dispatcher;
    private final ObserverWhiteboard observers;

    /**
     * @param dispatcher delivers to callback listeners
     * @param observers  delivers to queue observers
     */
    @Activate
    public CallbackRuntimeComponent(@Reference(service = CallbackDispatcher.class) CallbackDispatcher dispatcher,
                                    @Reference(service = ObserverWhiteboard.class) ObserverWhiteboard observers) {
        this.dispatcher = dispatcher;
        this.observers = observers;
    }

    @Override
    public CallbackRuntimeDTO getRuntimeDTO() {
        CallbackRuntimeDTO dto = new CallbackRuntimeDTO();
        dispatcher.describe(dto);
        observers.describe(dto);
        return dto;
    }
}
