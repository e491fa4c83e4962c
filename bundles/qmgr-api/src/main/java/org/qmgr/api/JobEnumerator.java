package org.qmgr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Snapshot of a group's job ids ({@code IEnumBackgroundCopyJobs1}, spec §2.4), in creation order. Pass an
 * id to {@link BackgroundCopyGroup#getJob} for a handle.
 */
@ProviderType
public interface JobEnumerator extends GuidEnumerator<JobEnumerator> {
}
