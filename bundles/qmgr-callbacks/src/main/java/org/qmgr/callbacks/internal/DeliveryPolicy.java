package org.qmgr.callbacks.internal;

import org.qmgr.api.NotifyFlag;
import org.qmgr.spi.notify.QueueEvent;

/**
 * Which events reach a listener, decided with the flags in force when the event happened (spec §5.2 as
 * amended by P6): errors by default, completion with GROUP_DONE, committed files with FILE_DONE, completed
 * jobs with JOB_DONE; DISABLE_NOTIFY silences everything.
 */
final class DeliveryPolicy {

    private DeliveryPolicy() {
    }

    static boolean delivers(QueueEvent event) {
        int flags = event.notifyFlags();
        if (disabled(flags)) {
            return false;
        }
        return switch (event.type()) {
            case GROUP_ERROR -> true;
            case GROUP_COMPLETED -> has(flags, NotifyFlag.GROUP_DONE);
            case FILE_COMMITTED -> has(flags, NotifyFlag.FILE_DONE);
            case JOB_COMPLETED -> has(flags, NotifyFlag.JOB_DONE);
            default -> false;
        };
    }

    static boolean disabled(int flags) {
        return has(flags, NotifyFlag.DISABLE_NOTIFY);
    }

    private static boolean has(int flags, NotifyFlag flag) {
        return (flags & flag.value()) != 0;
    }
}
