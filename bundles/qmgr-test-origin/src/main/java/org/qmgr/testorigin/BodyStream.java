package org.qmgr.testorigin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a body in pieces through Jetty, firing the cuts armed on the way (reset, stall, early close) and
 * pacing a trickle.
 */
final class BodyStream {

    private static final int PIECE = 16 * 1024;
    private static final Duration TRICKLE_TICK = Duration.ofMillis(50);

    private final Request request;
    private final Response response;
    private final Resource resource;
    private final Pacer pacer;

    BodyStream(Request request, Response response, Resource resource, Pacer pacer) {
        this.request = request;
        this.response = response;
        this.resource = resource;
        this.pacer = pacer;
    }

    void send(byte[] entity, long from, Callback callback) {
        Optional<Fault.Trickle> trickle = resource.find(Fault.Trickle.class);
        int piece = trickle.map(t -> Math.max(1, t.bytesPerSecond() / 20)).orElse(PIECE);
        try {
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                long pos = from;
                while (pos < entity.length) {
                    Resource.Armed cut = nextCut(pos, entity.length);
                    long end = Math.min(pos + piece, cut == null ? entity.length : offset(cut.fault));
                    if (end > pos) {
                        out.write(entity, (int) pos, (int) (end - pos));
                        out.flush();
                        pos = end;
                        if (trickle.isPresent()) {
                            pacer.pause(TRICKLE_TICK);
                        }
                    } else if (cut.claim()) {
                        fire(cut.fault, out);
                    }
                }
            }
            // Only once the stream is closed, which writes the end of the body: succeeding the callback first
            // completes the response while the close still has its last write to do.
            callback.succeeded();
        } catch (IOException | InterruptedException | RuntimeException e) {
            callback.failed(e);
        }
    }

    /** The armed cut with the lowest offset in [from, to), or {@code null}. */
    private Resource.Armed nextCut(long from, long to) {
        List<Resource.Armed> cuts = new ArrayList<>(resource.armed(Fault.ResetAt.class));
        cuts.addAll(resource.armed(Fault.Stall.class));
        cuts.addAll(resource.armed(Fault.ShortLength.class));
        return cuts.stream().filter(c -> offset(c.fault) >= from && offset(c.fault) < to)
                .min(Comparator.comparingLong(c -> offset(c.fault))).orElse(null);
    }

    private static long offset(Fault cut) {
        if (cut instanceof Fault.ResetAt r) {
            return r.offset();
        }
        if (cut instanceof Fault.Stall s) {
            return s.offset();
        }
        return ((Fault.ShortLength) cut).closeAt();
    }

    private void fire(Fault cut, OutputStream out) throws IOException, InterruptedException {
        out.flush();
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (cut instanceof Fault.Stall stall) {
            pacer.pause(stall.duration());
        } else if (cut instanceof Fault.ResetAt at) {
            reset(endPoint);
            throw new IOException("connection reset by the fault origin at byte " + at.offset());
        } else {
            endPoint.close();
            throw new IOException("connection closed by the fault origin at byte " + offset(cut));
        }
    }

    /**
     * Closes the socket itself with SO_LINGER 0, so the client sees a reset (RST) rather than an orderly end;
     * closing through the end point would shut the output down (FIN) first.
     */
    private static void reset(EndPoint endPoint) {
        if (endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            } catch (IOException e) {
                // the close below still ends the connection, as a FIN instead of a reset
            }
        }
        endPoint.close();
    }
}
