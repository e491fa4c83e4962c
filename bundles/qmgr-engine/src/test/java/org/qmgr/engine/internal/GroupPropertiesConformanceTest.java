package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupProp;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrException;
import org.qmgr.api.VarType;
import org.qmgr.api.Variant;

/**
 * Conformance checklist C18–C35 (spec §2.2.1–§2.2.4, §3, as changed by P4, P5, P8): new-group defaults and
 * the raw property contract.
 */
class GroupPropertiesConformanceTest {

    private static final int E_INVALIDARG = 0x80070057;
    private static final int E_NOTIMPL = 0x80004001;
    private static final int REGDB_E_CLASSNOTREG = 0x80040154;
    private static final int QM_E_INVALID_STATE = 0x81001001;
    /** The one callback class id the test client can resolve (spec §5.6). */
    private static final UUID KNOWN_CLSID = UUID.fromString("5e0c6a2f-9b1d-4c3e-8f7a-0123456789ab");

    private EngineFixture fixture;
    private BackgroundCopyQMgr qmgr;
    private BackgroundCopyGroup group;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        qmgr = fixture.client("bundle:props", false, clsid -> clsid.equals(KNOWN_CLSID));
        group = qmgr.createGroup(UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void C18_aNewGroupIsSuspendedIncompleteWithJobIndexZero() {
        GroupStatus status = group.getStatus();

        assertThat(status.raw()).isEqualTo(0x180);
        assertThat(status.jobIndex()).isZero();
    }

    @Test
    void C19_aNewGroupHasNoSizeAndNoProgress() {
        assertThat(group.getSize()).isZero();
        assertThat(group.getSizeRaw()).isZero();
        assertThat(group.getProgress(ProgressType.PERCENT_DONE)).isZero();
        assertThat(group.getProgress(ProgressType.SIZE_DONE)).isZero();
        assertThat(group.getProgressRaw(1)).isZero();
        assertThat(group.getProgressRaw(3)).isZero();
    }

    @Test
    void C20_aNewGroupReadsTheDefaultPropertyValues() {
        // Variant equality covers the VARTYPE: integers come back as VT_I4, strings as VT_BSTR (§3).
        assertThat(group.getProp(GroupProp.PRIORITY).type()).isEqualTo(VarType.I4);
        assertThat(group.getProp(GroupProp.DISPLAYNAME).type()).isEqualTo(VarType.BSTR);
        assertThat(group.getProp(GroupProp.PRIORITY)).isEqualTo(Variant.i4(1));
        assertThat(group.getProp(GroupProp.PROTOCOLFLAGS)).isEqualTo(Variant.i4(1));
        assertThat(group.getProp(GroupProp.NOTIFYFLAGS)).isEqualTo(Variant.i4(0));
        assertThat(group.getProp(GroupProp.NOTIFYCLSID)).isEqualTo(Variant.bstr(""));
        assertThat(group.getProp(GroupProp.DISPLAYNAME)).isEqualTo(Variant.bstr(""));
        assertThat(group.getProp(GroupProp.DESCRIPTION)).isEqualTo(Variant.bstr(""));
        // Raw ids give the same answers (§4.6); the P4/P5 properties default to "" and 0 (off).
        assertThat(group.getProp(0)).isEqualTo(Variant.i4(1));
        assertThat(group.getProp(7)).isEqualTo(Variant.bstr(""));
        assertThat(group.getProp(GroupProp.REMOTEUSERID)).isEqualTo(Variant.bstr(""));
        assertThat(group.getProp(GroupProp.REMOTEUSERPWD)).isEqualTo(Variant.bstr(""));
        for (GroupProp p : List.of(GroupProp.PROGRESSSIZE, GroupProp.PROGRESSPERCENT, GroupProp.PROGRESSTIME)) {
            assertThat(group.getProp(p)).as("%s", p).isEqualTo(Variant.i4(0));
        }
    }

    @Test
    void C21_aNewGroupHasNoJobsAndEnumJobsWithFlagsFailsWithNotImpl() {
        assertThat(group.enumJobs(0).getCount()).isZero();
        assertThat(group.enumJobs().next(1)).isEmpty();

        assertHresult(() -> group.enumJobs(1), E_NOTIMPL);
    }

    @Test
    void C22_priorityOneIsAcceptedInEveryIntegerVarType() {
        for (Variant one : List.of(Variant.i2(1), Variant.i4(1), Variant.ui2(1), Variant.ui4(1), Variant.ofInt(1),
                Variant.ofUint(1))) {
            group.setProp(GroupProp.PRIORITY, one);
            assertThat(group.getProp(GroupProp.PRIORITY)).as("after %s", one).isEqualTo(Variant.i4(1));
        }
        group.setPriority(1);
    }

    @Test
    void C23_priorityOtherThanOneFailsWithInvalidArg() {
        assertHresult(() -> group.setProp(GroupProp.PRIORITY, Variant.i4(2)), E_INVALIDARG);
        assertHresult(() -> group.setProp(GroupProp.PRIORITY, Variant.i4(0)), E_INVALIDARG);
        assertHresult(() -> group.setProp(GroupProp.PRIORITY, Variant.i2(-1)), E_INVALIDARG);

        assertThat(group.getProp(GroupProp.PRIORITY)).isEqualTo(Variant.i4(1));
        assertThat(group.getPriority()).isEqualTo(1);
    }

    @Test
    void C24_priorityWithANonIntegerVarTypeFailsWithInvalidArg() {
        assertHresult(() -> group.setProp(GroupProp.PRIORITY, Variant.bstr("1")), E_INVALIDARG);
        assertHresult(() -> group.setProp(GroupProp.PRIORITY, Variant.empty()), E_INVALIDARG);
        assertHresult(() -> group.setProp(GroupProp.PRIORITY, Variant.nullValue()), E_INVALIDARG);

        assertThat(group.getProp(GroupProp.PRIORITY)).isEqualTo(Variant.i4(1));
    }

    /** P4: server credentials are supported, the password is write-only; local credentials stay E_NOTIMPL. */
    @Test
    void C25_remoteCredentialsWorkAndLocalCredentialsFailWithNotImpl() {
        group.setProp(GroupProp.REMOTEUSERID, Variant.bstr("svc-user"));
        group.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr("s3cret"));

        assertThat(group.getProp(GroupProp.REMOTEUSERID)).isEqualTo(Variant.bstr("svc-user"));
        assertThat(group.getProp(GroupProp.REMOTEUSERPWD)).isEqualTo(Variant.bstr(""));
        assertThat(group.getProp(1)).isEqualTo(Variant.bstr("svc-user"));
        assertThat(group.getProp(2)).isEqualTo(Variant.bstr(""));
        assertHresult(() -> group.setProp(GroupProp.REMOTEUSERID, Variant.i4(1)), E_INVALIDARG);
        assertThat(group.getProp(GroupProp.REMOTEUSERID)).isEqualTo(Variant.bstr("svc-user"));
        String tooLong = "Sekr1t-".repeat(200);
        assertThatThrownBy(() -> group.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr(tooLong)))
                .isInstanceOfSatisfying(QmgrException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(E_INVALIDARG);
                    assertThat(e.getMessage()).doesNotContain("Sekr1t");
                });

        for (GroupProp local : List.of(GroupProp.LOCALUSERID, GroupProp.LOCALUSERPWD)) {
            assertHresult(() -> group.getProp(local), E_NOTIMPL);
            assertHresult(() -> group.setProp(local, Variant.bstr("user")), E_NOTIMPL);
            assertHresult(() -> group.getProp(local.value()), E_NOTIMPL);
            assertHresult(() -> group.setProp(local.value(), Variant.bstr("user")), E_NOTIMPL);
        }
    }

    /** P5: the progress properties are notification thresholds; percent is at most 100. */
    @Test
    void C26_progressThresholdsRoundTripInEveryIntegerVarType() {
        int value = 42;
        for (GroupProp p : List.of(GroupProp.PROGRESSSIZE, GroupProp.PROGRESSPERCENT, GroupProp.PROGRESSTIME)) {
            for (Variant v : List.of(Variant.i2(value), Variant.i4(value + 1), Variant.ui2(value + 2),
                    Variant.ui4(value + 3), Variant.ofInt(value + 4), Variant.ofUint(value + 5))) {
                group.setProp(p, v);
                assertThat(group.getProp(p)).as("%s after %s", p, v).isEqualTo(Variant.i4(v.intValue()));
            }
            assertHresult(() -> group.setProp(p, Variant.bstr("1")), E_INVALIDARG);
            assertThat(group.getProp(p.value())).isEqualTo(Variant.i4(value + 5));
        }
        group.setProp(GroupProp.PROGRESSPERCENT, Variant.i4(100));

        assertHresult(() -> group.setProp(GroupProp.PROGRESSPERCENT, Variant.i4(101)), E_INVALIDARG);
        assertHresult(() -> group.setProp(GroupProp.PROGRESSPERCENT, Variant.i2(-1)), E_INVALIDARG);
        assertThat(group.getProp(GroupProp.PROGRESSPERCENT)).isEqualTo(Variant.i4(100));
    }

    @Test
    void C27_rawPropertyIdsOutsideTheEnumFailWithNotImpl() {
        for (int id : new int[] {13, -1}) {
            assertHresult(() -> group.getProp(id), E_NOTIMPL);
            assertHresult(() -> group.setProp(id, Variant.i4(1)), E_NOTIMPL);
        }
    }

    /** P8: FTP, SMB and CUSTOM are E_NOTIMPL while no transport serves them (the fixture has http/https only). */
    @Test
    void C28_onlyHttpIsAcceptedAsProtocolWithoutOtherTransports() {
        group.setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(1));

        for (int unserved : new int[] {2, 3, 4}) {
            assertHresult(() -> group.setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(unserved)), E_NOTIMPL);
        }
        for (Variant bad : List.of(Variant.i4(0), Variant.i4(5), Variant.i2(-1))) {
            assertHresult(() -> group.setProp(GroupProp.PROTOCOLFLAGS, bad), E_INVALIDARG);
        }
        assertThat(group.getProp(GroupProp.PROTOCOLFLAGS)).isEqualTo(Variant.i4(1));
    }

    @Test
    void C29_everySubsetOfTheNotifyMaskRoundTripsAndOtherBitsFail() {
        int[] bits = {0x01, 0x02, 0x04, 0x40, 0x80};
        for (int subset = 0; subset < 1 << bits.length; subset++) {
            int mask = 0;
            for (int i = 0; i < bits.length; i++) {
                mask |= (subset & 1 << i) != 0 ? bits[i] : 0;
            }
            group.setProp(GroupProp.NOTIFYFLAGS, Variant.i4(mask));
            assertThat(group.getProp(GroupProp.NOTIFYFLAGS)).as("mask 0x%X", mask).isEqualTo(Variant.i4(mask));
        }
        assertThat(group.getNotifyFlagsMask()).isEqualTo(0xC7);

        for (Variant bad : List.of(Variant.i4(0x08), Variant.i4(0x100), Variant.i4(-1))) {
            assertHresult(() -> group.setProp(GroupProp.NOTIFYFLAGS, bad), E_INVALIDARG);
        }
        assertThat(group.getProp(GroupProp.NOTIFYFLAGS)).isEqualTo(Variant.i4(0xC7));
    }

    @Test
    void C30_notifyFlagsAsAStringFailWithInvalidArg() {
        assertHresult(() -> group.setProp(GroupProp.NOTIFYFLAGS, Variant.bstr("4")), E_INVALIDARG);

        assertThat(group.getProp(GroupProp.NOTIFYFLAGS)).isEqualTo(Variant.i4(0));
    }

    @Test
    void C31_notifyClsidIsCanonicalisedClearedAndValidated() {
        String lower = "{" + KNOWN_CLSID.toString().toLowerCase(Locale.ROOT) + "}";
        String canonical = "{" + KNOWN_CLSID.toString().toUpperCase(Locale.ROOT) + "}";

        group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr(lower));
        assertThat(group.getProp(GroupProp.NOTIFYCLSID)).isEqualTo(Variant.bstr(canonical));

        group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr(""));
        assertThat(group.getProp(GroupProp.NOTIFYCLSID)).isEqualTo(Variant.bstr(""));

        group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr(canonical));
        for (String malformed : List.of("not-a-guid", KNOWN_CLSID.toString(), "{" + KNOWN_CLSID + "")) {
            assertHresult(() -> group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr(malformed)), E_INVALIDARG);
        }
        assertHresult(() -> group.setProp(GroupProp.NOTIFYCLSID, Variant.i4(1)), E_INVALIDARG);
        String unknown = "{" + UUID.randomUUID() + "}";
        assertHresult(() -> group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr(unknown)), REGDB_E_CLASSNOTREG);
        assertThat(group.getProp(GroupProp.NOTIFYCLSID)).isEqualTo(Variant.bstr(canonical));
    }

    @Test
    void C32_displayNameIsLimitedTo256Utf16Units() {
        String max = "\uD83D\uDE00".repeat(128);
        assertThat(max).hasSize(256);

        group.setProp(GroupProp.DISPLAYNAME, Variant.bstr(max));
        assertThat(group.getProp(GroupProp.DISPLAYNAME)).isEqualTo(Variant.bstr(max));

        assertHresult(() -> group.setProp(GroupProp.DISPLAYNAME, Variant.bstr(max + "x")), E_INVALIDARG);
        assertHresult(() -> group.setProp(GroupProp.DISPLAYNAME, Variant.i4(1)), E_INVALIDARG);
        assertThat(group.getDisplayName()).isEqualTo(max);
    }

    @Test
    void C33_descriptionIsLimitedTo1024Utf16Units() {
        String max = "d".repeat(1024);

        group.setProp(GroupProp.DESCRIPTION, Variant.bstr(max));
        assertThat(group.getProp(GroupProp.DESCRIPTION)).isEqualTo(Variant.bstr(max));

        assertHresult(() -> group.setProp(GroupProp.DESCRIPTION, Variant.bstr(max + "d")), E_INVALIDARG);
        assertThat(group.getDescription()).isEqualTo(max);
    }

    @Test
    void C34_propertyValuesSurviveARestart() {
        UUID id = group.getGroupId();
        group.setProp(GroupProp.DISPLAYNAME, Variant.bstr("persistent name"));
        group.setProp(GroupProp.DESCRIPTION, Variant.bstr("persistent description"));
        group.setProp(GroupProp.NOTIFYFLAGS, Variant.i4(0x45));
        group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr("{" + KNOWN_CLSID + "}"));
        group.setProp(GroupProp.REMOTEUSERID, Variant.bstr("svc-user"));
        group.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr("s3cret"));
        group.setProp(GroupProp.PROGRESSSIZE, Variant.i4(65536));
        group.setProp(GroupProp.PROGRESSPERCENT, Variant.i4(10));
        group.setProp(GroupProp.PROGRESSTIME, Variant.i4(2000));
        group.switchToForeground();

        fixture.restart();

        BackgroundCopyGroup again = fixture.client("bundle:props", false).getGroup(id);
        assertThat(again.getProp(GroupProp.DISPLAYNAME)).isEqualTo(Variant.bstr("persistent name"));
        assertThat(again.getProp(GroupProp.DESCRIPTION)).isEqualTo(Variant.bstr("persistent description"));
        assertThat(again.getProp(GroupProp.NOTIFYFLAGS)).isEqualTo(Variant.i4(0x45));
        assertThat(again.getProp(GroupProp.NOTIFYCLSID))
                .isEqualTo(Variant.bstr("{" + KNOWN_CLSID.toString().toUpperCase(Locale.ROOT) + "}"));
        assertThat(again.getProp(GroupProp.REMOTEUSERID)).isEqualTo(Variant.bstr("svc-user"));
        assertThat(again.getProp(GroupProp.REMOTEUSERPWD)).isEqualTo(Variant.bstr(""));
        assertThat(again.getProp(GroupProp.PROGRESSSIZE)).isEqualTo(Variant.i4(65536));
        assertThat(again.getProp(GroupProp.PROGRESSPERCENT)).isEqualTo(Variant.i4(10));
        assertThat(again.getProp(GroupProp.PROGRESSTIME)).isEqualTo(Variant.i4(2000));
        assertThat(again.getProp(GroupProp.PRIORITY)).isEqualTo(Variant.i4(1));
        assertThat(again.getProp(GroupProp.PROTOCOLFLAGS)).isEqualTo(Variant.i4(1));
        assertThat(again.getStatus().raw()).isEqualTo(0x580);
    }

    @Test
    void C35_propertiesOfACancelledGroupFailWithInvalidStateButTheIdStillReads() {
        UUID id = group.getGroupId();
        group.cancel();

        for (GroupProp p : GroupProp.values()) {
            Variant valid = p.stringValued() ? Variant.bstr("") : Variant.i4(1);
            assertHresult(() -> group.getProp(p), QM_E_INVALID_STATE);
            assertHresult(() -> group.setProp(p, valid), QM_E_INVALID_STATE);
            assertHresult(() -> group.getProp(p.value()), QM_E_INVALID_STATE);
            assertHresult(() -> group.setProp(p.value(), valid), QM_E_INVALID_STATE);
        }
        // An unknown raw id is the E_NOTIMPL rule of the verb; the cancelled state comes first (§1.7 precedence).
        assertHresult(() -> group.getProp(13), QM_E_INVALID_STATE);
        assertHresult(() -> group.setProp(13, Variant.i4(1)), QM_E_INVALID_STATE);
        assertHresult(group::getDisplayName, QM_E_INVALID_STATE);
        assertHresult(() -> group.setDisplayName("x"), QM_E_INVALID_STATE);
        assertThat(group.getGroupId()).isEqualTo(id);
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT %s", e.hresultName()).isEqualTo(hresult));
    }
}
