package org.qmgr.bench;

import java.util.List;

/**
 * Where the transfer scenarios download from: the in-process {@link GeneratedOrigin}, or the URLs of a
 * {@link UrlListOrigin} served by any server. Scenarios ask for files by kind ({@code 1g}, {@code 4k},
 * {@code 64k}, {@code cap}, {@code fg}); qmgr and the peer tools then fetch the same URLs.
 */
public interface Origin extends AutoCloseable {

    /** One file to download. */
    record Source(String url, String name, long size) {

        /** @return this source with its size as measured (a URL list does not know it beforehand) */
        Source withSize(long bytes) {
            return new Source(url, name, bytes);
        }
    }

    /** @return one line for the table's header */
    String describe();

    /**
     * @param kind  what the scenario needs, e.g. {@code 4k}
     * @param count how many files at most
     * @param size  their size in bytes, as the generated origin serves them (a URL list ignores it)
     * @return the files, names unique within the kind; at least one
     * @throws UsageException when a URL list has no line of that kind
     */
    List<Source> sources(String kind, int count, long size);

    /**
     * Checks a downloaded file: its size (when known) and, for generated content, its first and last bytes.
     *
     * @return {@code null} when it is complete, else what is wrong
     */
    String check(Source source, java.nio.file.Path file);

    /** @return what the origin has served so far, for notes; empty when it cannot tell */
    default String served() {
        return "";
    }

    @Override
    void close();
}
