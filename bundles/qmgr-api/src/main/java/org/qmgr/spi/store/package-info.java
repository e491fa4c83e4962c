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
 */
@Export
@Version("1.1.0")
package org.qmgr.spi.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
