package org.qmgr.engine.internal;

import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What handles need to know about the client they were handed to: who is calling now (resolved per call,
 * since a JAAS subject differs between calls), and which callback class ids that client can reach.
 */
record CallerContext(Supplier<Caller> caller, Predicate<UUID> callbackResolvable) {
}
