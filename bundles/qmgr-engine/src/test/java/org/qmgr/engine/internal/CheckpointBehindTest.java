package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Checkpoint work behind the transfer: one job at a time, its failure thrown to the transfer thread. */
class CheckpointBehindTest {

    @Test
    void jobsRunOneAtATimeOnTheirOwnThread() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        try (CheckpointBehind behind = new CheckpointBehind("test-checkpoint", () -> { })) {
            assertThat(behind.isIdle()).isTrue();
            behind.await(); // nothing started: returns at once
            for (int i = 0; i < 3; i++) {
                behind.start(() -> {
                    thread.set(Thread.currentThread().getName());
                    runs.incrementAndGet();
                });
                behind.await();
                assertThat(behind.isIdle()).isTrue();
            }
        }
        assertThat(runs).hasValue(3);
        assertThat(thread).hasValue("test-checkpoint");
    }

    @Test
    void aSecondJobBeforeTheFirstWasAwaitedIsRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (CheckpointBehind behind = new CheckpointBehind("test-checkpoint", () -> { })) {
            behind.start(() -> await(release));
            assertThat(behind.isIdle()).isFalse();
            assertThatThrownBy(() -> behind.start(() -> { })).isInstanceOf(IllegalStateException.class);
            release.countDown();
            behind.await();
        }
    }

    @Test
    void whatAJobThrowsIsThrownOnceToTheTransfer() throws Exception {
        try (CheckpointBehind behind = new CheckpointBehind("test-checkpoint", () -> { })) {
            behind.start(() -> {
                throw new IOException("disk gone");
            });
            assertThatThrownBy(behind::await).isInstanceOf(IOException.class).hasMessage("disk gone");
            behind.rethrow(); // reported once

            IllegalStateException lost = new IllegalStateException("lease lost");
            behind.start(() -> {
                throw lost;
            });
            while (!behind.isIdle()) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(behind::rethrow).isSameAs(lost);
            behind.await();
        }
    }

    @Test
    void closeWaitsForTheJobInProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        CheckpointBehind behind = new CheckpointBehind("test-checkpoint", () -> { });
        behind.start(() -> {
            started.countDown();
            await(release);
            finished.incrementAndGet();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(behind::close);
        closer.start();
        while (closer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // until close waits for the job's thread
        }
        assertThat(finished).hasValue(0);
        release.countDown();
        closer.join();
        assertThat(finished).hasValue(1);
        assertThatThrownBy(() -> behind.start(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
