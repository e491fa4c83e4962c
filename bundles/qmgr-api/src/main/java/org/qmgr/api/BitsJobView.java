package org.qmgr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-mostly BITS-style view of a group, obtained through
 * {@link BackgroundCopyGroup#queryNewJobInterface(Class)} (spec §2.2.14, §4.9).
 */
@ProviderType
public interface BitsJobView {

    /** @return the group's state in BITS terms (spec §4.9 mapping) */
    BgJobState getState();

    /** Same as {@link BackgroundCopyGroup#resume()}. */
    void resume();

    /** Same as {@link BackgroundCopyGroup#suspend()}. */
    void suspend();

    /** Same as {@link BackgroundCopyGroup#cancel()}. */
    void cancel();
}
