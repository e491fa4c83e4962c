package org.qmgr.callbacks.internal;

import java.util.UUID;

import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;

/**
 * One notification for a group's listener: a status event ({@code onStatus}) or a crossed progress threshold
 * ({@code onProgress}/{@code onProgressEx}), with the engine view it came with (handles for the listener, and
 * where a stored one is acknowledged).
 *
 * @param status   the status event, or {@code null} for progress
 * @param progress the progress sample, or {@code null} for a status event
 * @param view     the view of the engine that raised it
 */
record Notice(QueueEvent status, ProgressEvent progress, QueueView view) {

    static Notice of(QueueEvent event, QueueView view) {
        return new Notice(event, null, view);
    }

    static Notice of(ProgressEvent event, QueueView view) {
        return new Notice(null, event, view);
    }

    UUID groupId() {
        return status != null ? status.groupId() : progress.groupId();
    }

    String owner() {
        return status != null ? status.owner() : progress.owner();
    }

    boolean isProgress() {
        return progress != null;
    }

    /** @return the outbox number, 0 when not stored */
    long sequence() {
        return status != null ? status.sequence() : 0;
    }

    long timeMillis() {
        return status != null ? status.timestampMillis() : progress.timestampMillis();
    }

    String name() {
        return status != null ? status.type().name() : "PROGRESS";
    }

    /** Removes it from the store's outbox, when it is stored: delivered, superseded or dropped on purpose. */
    void acknowledge() {
        if (status != null && status.stored()) {
            view.acknowledge(status);
        }
    }
}
