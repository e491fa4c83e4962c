/**
 * The qmgr client API: the QMGR (BITS 1.0) queue manager re-expressed in Java, as specified in
 * {@code shared/spec/QMGR.md} §6.
 *
 * <p><b>Who uses it:</b> client bundles that queue background downloads (and the qmgr shell). They obtain the
 * {@code BackgroundCopyQMgr} service, create groups, jobs and files, poll status and progress, and may
 * register callbacks.
 *
 * <p><b>Who implements it:</b> the qmgr engine bundle ({@code org.qmgr.engine}) implements the service, group,
 * job and enumerator interfaces. The value types, constants and exceptions in this package are complete as
 * shipped; clients implement only the callback interface.
 *
 * <p>Every failure is an unchecked {@link org.qmgr.api.QmgrException} carrying the HRESULT of the original
 * contract ({@link org.qmgr.api.QmgrException#hresult()}), so conformance tests and a COM-shaped adapter can
 * assert on the exact code (§6.3). Unless a method says otherwise, {@code null} arguments are rejected with
 * {@link org.qmgr.api.QmgrInvalidArgumentException}.
 *
 * <p>1.1: custom request headers per group ({@link org.qmgr.api.BackgroundCopyGroup#setCustomHeaders},
 * {@link org.qmgr.api.CustomHeaders}, {@link org.qmgr.api.QmgrInvalidHeaderException}).
 *
 * <p>1.2: why a group is not transferring ({@link org.qmgr.api.BackgroundCopyGroup#why()},
 * {@link org.qmgr.api.GroupWhy}, {@link org.qmgr.api.WaitReason}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.qmgr.api;
