package org.qmgr.engine.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

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
}
