package org.qmgr.callbacks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.qmgr.api.callback.QueueObserver;
import org.qmgr.api.dto.CallbackRuntimeDTO;

/** The runtime DTO combines the callback dispatcher's part and the observers. */
class CallbackRuntimeComponentTest {

    private final CallbackDispatcher dispatcher = new CallbackDispatcher(new CallbacksConfig() {
        @Override
        public int notificationRetrySeconds() {
            return 60;
        }

        @Override
        public int maxNotificationRetrySeconds() {
            return 600;
        }

        @Override
        public int maxConcurrentNotificationsPerOwner() {
            return 4;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return CallbacksConfig.class;
        }
    });
    private final ObserverWhiteboard whiteboard = new ObserverWhiteboard(ObserverWhiteboardTest.admins());

    @AfterEach
    void tearDown() {
        whiteboard.deactivate();
        dispatcher.deactivate();
    }

    @Test
    void eachSnapshotListsTheObserversInUseAndThoseRefused() {
        whiteboard.add(new RecordingObserver(), Map.of(Constants.SERVICE_ID, 7L), "org.example.app");
        whiteboard.add(new RecordingObserver(), Map.of(Constants.SERVICE_ID, 8L, QueueObserver.FILTER_PROPERTY, "(("),
                "org.example.app");
        CallbackRuntimeComponent runtime = new CallbackRuntimeComponent(dispatcher, whiteboard);

        CallbackRuntimeDTO first = runtime.getRuntimeDTO();
        whiteboard.remove(7L);
        CallbackRuntimeDTO second = runtime.getRuntimeDTO();

        assertThat(first.listeners).extracting(l -> l.serviceId).containsExactly(7L);
        assertThat(first.failedListeners).extracting(f -> f.serviceId).containsExactly(8L);
        assertThat(second).isNotSameAs(first);
        assertThat(second.listeners).isEmpty();
        assertThat(second.failedListeners).hasSize(1);
    }
}
