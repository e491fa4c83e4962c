package org.qmgr.engine.internal;

import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/** Stands in while no transport serves a file's scheme: a transient failure, retried until one appears. */
enum MissingTransport implements Transport {
    INSTANCE;

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        throw missing(request);
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        throw missing(request);
    }

    private static TransportException missing(TransportRequest request) {
        return new TransportException(TransportException.Kind.CANNOT_CONNECT,
                "no transport serves " + request.url().substring(0, Math.max(0, request.url().indexOf(':'))), null);
    }
}
