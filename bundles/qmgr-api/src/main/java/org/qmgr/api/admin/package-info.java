/**
 * Administration of the qmgr queue store: which store the engine uses, which stores are available, and
 * moving the whole queue from one store to another (for example from the embedded H2 database to
 * PostgreSQL) without restarting the host.
 * <p>
 * <b>Who uses it:</b> administrative tools such as the qmgr shell ({@code qmgr:stores},
 * {@code qmgr:store-migrate}). <b>Who implements it:</b> the qmgr engine bundle, which registers
 * {@link org.qmgr.api.admin.QueueStoreAdmin} with bundle scope so that each client bundle's calls are
 * attributed to the right caller. Failures are the {@link org.qmgr.api.QmgrException} types of
 * {@code org.qmgr.api}.
 */
@Export
@Version("1.0.0")
package org.qmgr.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
