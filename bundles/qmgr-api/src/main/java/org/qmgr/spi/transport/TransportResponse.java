package org.qmgr.spi.transport;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open response whose body the engine pulls. Reading is demand-driven: the transport reads from the
 * network only when the engine asks for more, so a slow disk or a rate limit slows the connection instead
 * of filling memory.
 * <p>
 * {@link #read} is called by one thread at a time; {@link #abort()} may be called from any thread.
 */
@ProviderType
public interface TransportResponse extends AutoCloseable {

    /** @return the response metadata, never {@code null} */
    ResponseInfo info();

    /**
     * Copies the next body bytes into {@code dst}, blocking until at least one byte, the end of the body, or
     * a failure.
     *
     * @param dst buffer with free space, never {@code null}
     * @return the number of bytes copied (above 0), or -1 at the end of the body
     * @throws TransportException on a network failure, a timeout, or after {@link #abort()}
     *         ({@link TransportException.Kind#ABORTED}, also when the calling thread is interrupted, with its
     *         interrupt flag restored)
     * @throws IllegalArgumentException when {@code dst} has no space left
     */
    int read(ByteBuffer dst) throws TransportException;

    /** Aborts the exchange from any thread; a blocked or later {@link #read} fails with {@code ABORTED}. */
    void abort();

    /** Releases the exchange; aborts it if the body was not read to the end. Never throws. */
    @Override
    void close();
}
