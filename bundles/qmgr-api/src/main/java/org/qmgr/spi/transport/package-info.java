/**
 * Transport SPI: how the engine gets bytes for a URL.
 * <p>
 * Implemented by qmgr's transport bundles ({@code qmgr-transport-jetty} for {@code http}/{@code https},
 * later {@code qmgr-transport-file}); used only by the qmgr engine. A transport owns protocol (connections,
 * redirects, TLS, authentication) and never touches the queue or the disk: the engine owns temp files,
 * digests, checkpoints and the commit (see {@code ARCHITECTURE.md}).
 * <p>
 * A transport is an OSGi service of type {@link org.qmgr.spi.transport.Transport} carrying the service
 * property {@value org.qmgr.spi.transport.Transport#SCHEMES}; for a scheme, the best-ranked service wins.
 */
@Export
@Version("1.0.0")
package org.qmgr.spi.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
