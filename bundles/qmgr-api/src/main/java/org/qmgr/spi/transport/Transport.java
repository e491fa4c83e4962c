package org.qmgr.spi.transport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Produces the bytes of a remote resource for the engine.
 * <p>
 * Register implementations as OSGi services with the service property {@link #SCHEMES} listing the URL
 * schemes served (lower case, a {@code String} or {@code String[]}). Implementations must be thread-safe:
 * the engine calls them from several transfer threads at once. Calls block the calling (engine transfer)
 * thread until headers arrive; they never touch the local disk.
 */
@ProviderType
public interface Transport {

    /** Service property: the URL schemes this transport serves, e.g. {@code http}, {@code https}. */
    String SCHEMES = "qmgr.transport.schemes";

    /**
     * Learns the size and validators of a resource without transferring its body (an HTTP {@code HEAD}).
     *
     * @param request what to probe; its offset and {@code If-Range} are ignored
     * @return the metadata of the final (post-redirect) response, never {@code null}
     * @throws TransportException when the resource cannot be probed; an error status of the server is
     *         {@link TransportException.Kind#HTTP_STATUS} with {@link TransportException#httpStatus()}
     */
    ResponseInfo probe(TransportRequest request) throws TransportException;

    /**
     * Starts fetching a resource, from {@link TransportRequest#offset()} when that is above 0 (an HTTP
     * {@code Range: bytes=N-} with {@code If-Range}), and returns once the response headers have arrived.
     * <p>
     * The returned response streams the body: nothing is buffered beyond a few network buffers, and the
     * transport reads from the network only as fast as the engine calls {@link TransportResponse#read}.
     * A server answering {@code 200} to a ranged request is not an error here: the engine sees
     * {@link ResponseInfo#partial()} {@code == false} and restarts the file.
     *
     * @param request what to fetch, never {@code null}
     * @return the open response; the caller must {@link TransportResponse#close() close} it
     * @throws TransportException when no successful response could be obtained (including error statuses,
     *         too many redirects, TLS and connection failures)
     */
    TransportResponse open(TransportRequest request) throws TransportException;
}
