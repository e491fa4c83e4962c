package org.qmgr.testorigin;

/**
 * One request as the {@link FaultOrigin} saw it.
 *
 * @param method         GET or HEAD (or whatever was sent)
 * @param path           the path, without the query
 * @param query          the query, or {@code null}
 * @param range          the Range header, or {@code null}
 * @param ifRange        the If-Range header, or {@code null}
 * @param acceptEncoding the Accept-Encoding header, or {@code null}
 * @param nanos          {@link System#nanoTime()} when it arrived
 */
public record RecordedRequest(String method, String path, String query, String range, String ifRange,
                              String acceptEncoding, long nanos) {

    /** @return whether this is a GET */
    public boolean isGet() {
        return "GET".equals(method);
    }
}
