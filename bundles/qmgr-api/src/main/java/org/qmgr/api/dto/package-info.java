/**
 * Snapshots of queue objects for display and monitoring: public fields, no behaviour.
 * <p>
 * Produced by the qmgr engine (e.g. {@link org.qmgr.api.BackgroundCopyGroup#getInfo()}); read by clients,
 * the shell and monitoring tools. A snapshot never changes after it is returned.
 * <p>
 * 1.1: {@link org.qmgr.api.dto.GroupDTO#customHeaders}.
 * <p>
 * 1.2: the callback runtime: {@link org.qmgr.api.dto.CallbackRuntimeDTO}, {@link org.qmgr.api.dto.ListenerDTO},
 * {@link org.qmgr.api.dto.FailedListenerDTO}, {@link org.qmgr.api.dto.PendingNotificationDTO}.
 */
@Export
@Version("1.2.0")
package org.qmgr.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
