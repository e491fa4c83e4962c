package org.qmgr.transport.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file:} {@link Transport} (spec P8, the local/share case of {@code QM_PROTOCOL_SMB}): answers like
 * an HTTP origin serving the file, so the engine's temp file, resume and restart rules apply unchanged. A probe
 * is a {@code HEAD}; an open from an offset is a {@code GET} with {@code Range} and {@code If-Range}: 206 from
 * the offset while the file's {@link Validator} matches, else 200 with the whole file.
 */
@Component(configurationPid = FileTransport.PID, service = Transport.class,
        property = Transport.SCHEMES + "=file")
@Designate(ocd = FileTransportConfig.class)
public final class FileTransport implements Transport {

    static final String PID = "org.qmgr.transport.file";
    static final int MIN_BUFFER = 4096;
    static final int MAX_BUFFER = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FileTransport.class);

    private final SourceRoots roots;
    private final int bufferSize;
    private final boolean windows;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException when an allowed root is not an absolute path
     */
    @Activate
    public FileTransport(FileTransportConfig config) {
        this(config, FileUrls.WINDOWS);
    }

    FileTransport(FileTransportConfig config, boolean windows) {
        this.roots = SourceRoots.of(config.allowedRoots(), System::getProperty);
        this.bufferSize = Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, config.readBufferSize()));
        this.windows = windows;
        if (bufferSize != config.readBufferSize()) {
            LOG.warn("readBufferSize {} is outside {}..{}; using {}", config.readBufferSize(), MIN_BUFFER, MAX_BUFFER,
                    bufferSize);
        }
        LOG.info("file transport started (allowed roots {}, read buffer {} bytes)",
                roots.allowed().isEmpty() ? "any" : roots.allowed(), bufferSize);
    }

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        SourceFile source = SourceFile.locate(request.url(), roots, windows);
        // Opened once so that an unreadable file fails the probe (a 403) rather than the first read.
        try (FileChannel ignored = source.open()) {
            return whole(source.validator());
        } catch (IOException e) {
            throw Failures.ioError("cannot close " + source.path(), request.url(), e);
        }
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        SourceFile source = SourceFile.locate(request.url(), roots, windows);
        Validator v = source.validator();
        long offset = request.offset();
        ResponseInfo info;
        if (offset > 0 && offset < v.size() && v.matches(request.ifRange())) {
            info = new ResponseInfo(206, v.size() - offset, offset, v.size(), v.etag(), v.lastModified(), true);
        } else {
            if (offset > 0) {
                // Like an origin ignoring a stale If-Range (or an unsatisfiable range): the engine restarts at 0.
                LOG.debug("range from byte {} of {} not served (If-Range {}, now {}, {} bytes): sending it whole",
                        offset, source.path(), request.ifRange(), v.etag(), v.size());
            }
            info = whole(v);
        }
        LOG.debug("reading {} from byte {}", source.path(), info.rangeStart());
        return new FileBody(source, source.open(), info, bufferSize);
    }

    private static ResponseInfo whole(Validator v) {
        return new ResponseInfo(200, v.size(), 0, v.size(), v.etag(), v.lastModified(), true);
    }
}
