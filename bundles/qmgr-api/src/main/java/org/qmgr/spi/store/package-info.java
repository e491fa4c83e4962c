/**
 * Queue store SPI: where the queue's truth lives.
 * <p>
 * Implemented by qmgr's store bundles ({@code qmgr-store-memory}, {@code qmgr-store-jdbc}); used only by the
 * qmgr engine, which keeps an in-memory cache rebuilt from the store at activation. Every state change is
 * one {@link org.qmgr.spi.store.QueueStore#write write transaction}. Work claimed by a node is guarded by a
 * {@link org.qmgr.spi.store.Lease} (owner node and epoch), so that several engines can later share one
 * database and a node that lost its lease cannot commit.
 * <p>
 * 1.1: {@link org.qmgr.spi.store.GroupRecord#customHeaders()}, which a store must keep with the group.
 * <p>
 * 1.2: the notification outbox ({@link org.qmgr.spi.store.StoreTransaction#insertNotification},
 * {@link org.qmgr.spi.store.StoreTransaction#notifications()},
 * {@link org.qmgr.spi.store.StoreTransaction#deleteNotifications}), kept with the queue.
 */
@Export
@Version("1.2.0")
package org.qmgr.spi.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
