/**
 * What notification listeners implement (QMGR {@code IBackgroundCopyCallback1}, spec §2.5, §5).
 * <p>
 * Implemented by client bundles; called by qmgr. A listener is bound to a group either directly with
 * {@link org.qmgr.api.BackgroundCopyGroup#setNotificationCallback} or by class id: an OSGi service of type
 * {@link org.qmgr.api.callback.BackgroundCopyCallback} carrying
 * {@value org.qmgr.api.callback.BackgroundCopyCallback#CLSID_PROPERTY}, matched against the group's
 * {@code GROUPPROP_NOTIFYCLSID}.
 */
@Export
@Version("1.0.0")
package org.qmgr.api.callback;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
