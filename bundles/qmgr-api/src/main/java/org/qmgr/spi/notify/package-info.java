/**
 * Notification SPI: how the engine hands queue events to the notification machinery.
 * <p>
 * Implemented by qmgr's callback bundle ({@code qmgr-callbacks}), which delivers events to listeners and
 * Event Admin; called only by the qmgr engine, never while it holds a lock.
 */
@Export
@Version("1.0.0")
package org.qmgr.spi.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
