package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;

/**
 * The common setup of engine tests: a temp directory for downloads, a fresh in-process origin, and a real
 * engine with the spec's test timers ({@link EngineFixture}), all closed after each test.
 */
abstract class EngineTestSupport {

    @TempDir
    Path dir;
    TestOrigin origin;
    EngineFixture fixture;

    @BeforeEach
    void startEngineAndOrigin() throws Exception {
        origin = new TestOrigin();
        fixture = new EngineFixture();
    }

    @AfterEach
    void stopEngineAndOrigin() throws Exception {
        fixture.close();
        origin.close();
    }

    /** Replaces the engine with one on the given settings (for tests that need other timers or caps). */
    void useSettings(EngineSettings settings) {
        fixture.close();
        fixture = new EngineFixture(settings);
    }

    /** A suspended group with one job holding one file per origin path, saved under the path's name in {@link #dir}. */
    BackgroundCopyGroup groupWith(String... paths) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFiles(Stream.of(paths)
                .map(p -> new FileSetInfo(origin.url(p), dir.resolve(p.substring(1)).toString())).toList());
        return group;
    }

    /** @return the group's first job */
    static BackgroundCopyJob onlyJob(BackgroundCopyGroup group) {
        return group.getJob(group.enumJobs().next(1).get(0));
    }

    /** @return the {@code BIT*.tmp} files in {@link #dir} */
    List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("BIT.*\\.tmp")).toList();
        }
    }
}
