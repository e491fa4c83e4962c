package org.qmgr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Snapshot of group ids ({@code IEnumBackgroundCopyGroups}, spec §2.4), in creation order (not a
 * guarantee to clients). Pass an id to {@link BackgroundCopyQMgr#getGroup} for a handle.
 */
@ProviderType
public interface GroupEnumerator extends GuidEnumerator<GroupEnumerator> {
}
