/**
 * What notification listeners implement (QMGR {@code IBackgroundCopyCallback1}, spec §2.5, §5).
 * <p>
 * Implemented by client bundles; called by qmgr. A listener is bound to a group either directly with
 * {@link org.qmgr.api.BackgroundCopyGroup#setNotificationCallback} or by class id: an OSGi service of type
 * {@link org.qmgr.api.callback.BackgroundCopyCallback} carrying
 * {@value org.qmgr.api.callback.BackgroundCopyCallback#CLSID_PROPERTY}, matched against the group's
 * {@code GROUPPROP_NOTIFYCLSID}.
 * <p>
 * For monitoring, a {@link org.qmgr.api.callback.QueueObserver} service sees the events of every group it
 * selects by filter and may see; {@link org.qmgr.api.callback.CallbackRuntime} reports what delivery is doing.
 * <p>
 * 1.1: {@link org.qmgr.api.callback.StatusNotification#timeMillis()},
 * {@link org.qmgr.api.callback.ProgressNotification#timeMillis()}, {@link org.qmgr.api.callback.QueueObserver},
 * {@link org.qmgr.api.callback.QueueObservation}, {@link org.qmgr.api.callback.CallbackRuntime}.
 */
@Export
@Version("1.1.0")
package org.qmgr.api.callback;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
